"""Time and memory of importing a large address book, against parsing it with ``vobject``.

Run from the project root::

    python benchmarks/vcard_scale.py [--cards 10000 100000]

It generates (seeded) a vCard file of about 500 bytes a card, written the ways phones and
address books write them (vCard 2.1 with quoted-printable, 3.0 with grouped and folded
lines, 4.0), with a few people entered twice under a second address. Each size is then
measured in a fresh process, so that the peak resident memory is that of the one task:

- **allies import**: ``allies.services.transfer.importing.import_file`` into a fresh SQLite
  workspace, in one transaction, as ``allies import vcard`` does;
- **allies read**: :func:`allies.interchange.vcard.read_vcards` alone;
- **vobject**: ``vobject.readComponents`` over the same file, touching every card's
  ``FN``, the peer a Python program would otherwise use.

It prints a Markdown section (``## vCard at scale``): each task's wall and CPU seconds and
peak memory, the ratio of the ``vobject`` parse's CPU time to the task's, and how many
people, merges and possible duplicates the import made (a speed-up must leave these as
they were). The target is 100,000 cards in under a minute of CPU (a loaded machine
inflates the wall time, not the CPU time) and under 500 MB; the section says whether the
largest size meets it (the numbers are printed either way, so that ``make bench`` keeps
them).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FIRST = str.split(
    "Ana Bo Cy Dana Eli Femi Gus Hana Ivo Jun Kai Lea Mo Noor Oli Pia Quin Ravi Sol Tess Uma "
    "Vik Wen Xia Yara Zed Amir Beth Carl Dina Emil Fay Gil Hugo Inés Jack Kim Lars Mia Nils"
)
LAST = str.split(
    "Lopez Chen Diaz Ruiz Smith Jones Brown García Miller Davis Wilson Moore Taylor Thomas "
    "White Harris Martin Clark Lewis Walker Hall Allen Young King Wright Scott Green Baker "
    "Adams Nelson Hill Campbell Mitchell Roberts Carter Phillips Evans Turner Torres Parker"
)
ORGS = ["Acme Ltd", "Beta Inc.", "Gamma GmbH", "Delta Partners", "Epsilon Labs", "Zeta Group"]
#: The target for the largest size: seconds and megabytes.
TARGET = (60.0, 500.0)


def _qp(text: str) -> str:
    return "".join(f"={b:02X}" if b > 126 or b == 61 else chr(b) for b in text.encode())


def vcards(count: int, seed: int = 20) -> bytes:
    """``count`` cards (about 3% of people entered twice), some 500 bytes each."""
    rng = random.Random(seed)
    out: list[str] = []
    for i in range(count):
        twice = i % 33 == 32
        n = i - 1 if twice else i
        first, last = FIRST[n % len(FIRST)], LAST[(n // len(FIRST)) % len(LAST)]
        given, family = f"{first} {n}", last
        name = f"{given} {family}"
        org = ORGS[n % len(ORGS)]
        domain = org.split()[0].lower() + ".example"
        email = f"{first.lower()}.{n}@{'home.' if twice else ''}{domain}"
        version = ("2.1", "3.0", "4.0")[i % 3]
        out += ["BEGIN:VCARD", f"VERSION:{version}"]
        if version == "2.1":
            out.append(f"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{_qp(family)};{_qp(given)};;;")
            out.append(f"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{_qp(name)}")
            out.append(f"TEL;CELL;PREF:+44 20 7{rng.randrange(10**6):06d}")
            out.append(f"EMAIL;PREF;INTERNET:{email}")
        else:
            out += [f"N:{family};{given};;;", f"FN:{name}", f"item1.EMAIL;type=INTERNET:{email}"]
            out.append("item1.X-ABLabel:_$!<Work>!$_")
            out.append(f"TEL;TYPE=work,voice:+1 555 {rng.randrange(10**7):07d}")
        out += [f"ORG:{org};Unit {n % 8}", f"TITLE:Role {n % 40}"]
        out.append(f"ADR;TYPE=work:;;{n % 300} Market Street;Springfield;;{10000 + n % 9000};US")
        note = f"Met at the {2015 + n % 10} conference; interested in logistics, data and {org}."
        out += ["NOTE:" + note[:60], " " + note[60:] + " Follow up in spring."]
        out.append(f"UID:urn:uuid:{rng.getrandbits(128):032x}")
        out += ["CATEGORIES:work,conference", f"REV:2024{1 + n % 12:02d}01T120000Z"]
        out.append("END:VCARD")
    return ("\r\n".join(out) + "\r\n").encode("utf-8")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _measure(task: str, path: Path, folder: Path) -> dict[str, float]:
    """Run one task in this process and return its seconds, peak memory and count."""
    data = b"" if task == "import" else path.read_bytes()  # the import reads it itself
    if task == "import":  # the workspace is made (and migrated) before the clock starts
        from allies.services.transfer.importing import ImportOptions, import_file
        from allies.store import open_store

        factory = open_store(f"sqlite:///{folder / 'bench.sqlite3'}")
        with factory("bench") as uow:
            uow.people.list()
    clock, cpu = time.perf_counter(), time.process_time()
    outcome: dict[str, float] = {}
    if task == "import":
        report = import_file(factory("bench"), "vcard", path, ImportOptions())
        count = report.read
        outcome = {
            "people": report.added["people"],
            "merged": len(report.merged),
            "near": len(report.near_matches),
        }
    elif task == "read":
        from allies.interchange.vcard import read_vcards

        count = sum(1 for _ in read_vcards(data, path=str(path)))
    else:
        import vobject

        count = 0
        for card in vobject.readComponents(data.decode("utf-8")):
            _ = card.fn.value if hasattr(card, "fn") else ""
            count += 1
    seconds = time.perf_counter() - clock
    cpu = time.process_time() - cpu
    return {"seconds": seconds, "cpu": cpu, "peak_mb": _peak_mb(), "count": count, **outcome}


def _child(task: str, path: Path, folder: Path, cards: int = 0) -> dict[str, float]:
    """Run one task in a fresh process and return what it printed.

    The file is written by a child too: a process's peak memory counts its parent's at the
    time it was started (Linux keeps the high-water mark across ``exec``), so this
    process never holds the generated file.
    """
    where = ["--file", str(path), "--folder", str(folder), "--cards", str(cards)]
    done = subprocess.run(
        [sys.executable, __file__, "--task", task, *where],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    """Generate each size, measure the three tasks and print the section."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cards", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--task", choices=("write", "import", "read", "vobject"))
    parser.add_argument("--file", type=Path)
    parser.add_argument("--folder", type=Path)
    args = parser.parse_args(argv)
    if args.task == "write":
        args.file.write_bytes(vcards(args.cards[0]))
        print(json.dumps({"bytes": args.file.stat().st_size}))
        return 0
    if args.task:
        print(json.dumps(_measure(args.task, args.file, args.folder)))
        return 0
    rows, outcomes, last = [], [], {}
    for count in args.cards:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            path = folder / "contacts.vcf"
            _child("write", path, folder, count)
            size = path.stat().st_size / 1e6
            last = {task: _child(task, path, folder) for task in ("import", "read", "vobject")}
        peer = last["vobject"]
        for task, label in (("import", "allies import"), ("read", "allies read")):
            run = last[task]
            rows.append(
                f"| {count:,} ({size:.0f} MB) | {label} | {run['seconds']:.1f} | "
                f"{run['cpu']:.1f} | {run['peak_mb']:.0f} | {peer['seconds']:.1f} | "
                f"{peer['cpu']:.1f} | {peer['peak_mb']:.0f} | "
                f"{peer['cpu'] / max(run['cpu'], 1e-9):.2f} |"
            )
        run = last["import"]
        outcomes.append(
            f"- {count:,} cards: {run['count']:,.0f} read, {run['people']:,.0f} people added, "
            f"{run['merged']:,.0f} merges, {run['near']:,.0f} possible duplicates reported"
        )
    print("## vCard at scale\n")
    print(
        "A generated vCard file (2.1, 3.0 and 4.0 cards, some 500 bytes each, 3% of people "
        "twice) imported into a fresh SQLite workspace in one transaction, and read alone, "
        "each in a fresh process; the peer parses the same file with `vobject`. Peak memory "
        "is the process's maximum resident size, in MB; CPU s is the process's own CPU time "
        "(what a busy machine does not inflate); ratio = vobject CPU s / allies CPU s (the "
        "share of a bare parse's speed the whole import keeps). "
        f"Target for the largest size: under {TARGET[0]:.0f} s of CPU and "
        f"{TARGET[1]:.0f} MB.\n"
    )
    print(
        "| cards | task | seconds | CPU s | peak MB | vobject s | vobject CPU s | vobject MB "
        "| ratio |"
    )
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print("\n".join(rows))
    print("\nWhat the import made of each file (the same before and after any speed-up):\n")
    print("\n".join(outcomes))
    run = last["import"]
    met = run["cpu"] < TARGET[0] and run["peak_mb"] < TARGET[1]
    print(
        f"\nThe import of {args.cards[-1]:,} cards {'meets' if met else 'misses'} the target "
        f"set for 100,000 ({run['seconds']:.1f} s, {run['cpu']:.1f} s of CPU, "
        f"{run['peak_mb']:.0f} MB; load average {os.getloadavg()[0]:.1f} at the end)."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
