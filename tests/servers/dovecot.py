"""A real Dovecot IMAP server for the tests, on a free port under a temporary folder.

:func:`running_dovecot` writes a minimal ``dovecot.conf`` (listen on 127.0.0.1 only, no
TLS, plain logins allowed, users in a ``passwd-file``, mail in Maildir), starts
``dovecot -F -c dovecot.conf`` and waits for its greeting; it stops the server after.

Run as root (as in CI), Dovecot refuses to run its login processes or to keep mail as
root: the login processes run as ``dovenull`` and the internal ones as ``dovecot`` (the
users Debian's package creates), and mail belongs to ``nobody``. Run as anyone else,
everything runs as that user.

Mail is loaded by writing Maildir files directly (:meth:`Dovecot.deliver`: tens of
thousands a second; Dovecot indexes them at the next ``SELECT``) or by ``APPEND``.
"""

from __future__ import annotations

import contextlib
import grp
import imaplib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["DOVECOT", "PASSWORD", "POOL", "Dovecot", "DovecotUnavailable", "running_dovecot"]

DOVECOT = "/usr/sbin/dovecot"
START_TIMEOUT = 20.0
#: The password of every user of the test server, and how many users it has.
PASSWORD = "pw-Secret-4711"
POOL = 200


class DovecotUnavailable(RuntimeError):
    """Dovecot is not installed or did not start; the message says why."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _ids() -> tuple[str, str, str, int, int]:
    """(internal user, its group, login user, mail uid, mail gid) for who we are."""
    if os.getuid() != 0:
        me = pwd.getpwuid(os.getuid()).pw_name
        group = grp.getgrgid(os.getgid()).gr_name
        return me, group, me, os.getuid(), os.getgid()
    for needed in ("dovecot", "dovenull"):
        try:
            pwd.getpwnam(needed)
        except KeyError:
            raise DovecotUnavailable(f"run as root, Dovecot needs the user {needed!r}") from None
    nobody = pwd.getpwnam("nobody")
    return "dovecot", "dovecot", "dovenull", nobody.pw_uid, nobody.pw_gid


_CONF = """\
base_dir = {root}/run
state_dir = {root}/state
instance_name = allies-test-{port}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login{mechanisms}
auth_failure_delay = 0
login_trusted_networks = 127.0.0.0/8
log_path = {root}/dovecot.log
default_internal_user = {internal}
default_internal_group = {internal_group}
default_login_user = {login}
mail_location = maildir:{root}/mail/%u
mail_uid = {uid}
mail_gid = {gid}
first_valid_uid = {uid}
first_valid_gid = {gid}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service pop3-login {{
  inet_listener pop3 {{
    port = 0
  }}
}}
service submission-login {{
  inet_listener submission {{
    port = 0
  }}
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
{oauth2}userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/mail/%u
}}
"""


@dataclass
class Dovecot:
    """A running Dovecot: where it listens, its users, and ways to put mail in."""

    root: Path
    port: int
    uid: int
    gid: int
    process: subprocess.Popen[bytes] | None = None
    _users_taken: int = 0
    _delivered: int = 0

    @property
    def url(self) -> str:
        """The account URL of this server (plain IMAP, no TLS)."""
        return f"imap://127.0.0.1:{self.port}"

    @property
    def log(self) -> str:
        """What Dovecot logged so far."""
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def new_user(self) -> str:
        """A mailbox user no test used yet (password :data:`PASSWORD`).

        The users are written before the server starts: Dovecot rereads its passwd-file
        only now and then, so users added later would not be known at once.
        """
        self._users_taken += 1
        if self._users_taken > POOL:
            raise RuntimeError(f"the test Dovecot has only {POOL} users")
        return f"user{self._users_taken}@example.org"

    def maildir(self, user: str, folder: str = "INBOX") -> Path:
        """The Maildir of a user's folder (``INBOX`` or a Maildir++ sub-folder)."""
        base = self.root / "mail" / user
        return base if folder == "INBOX" else base / f".{folder}"

    def _own(self, path: Path) -> None:
        if os.getuid() == 0:
            os.chown(path, self.uid, self.gid)

    def deliver(self, user: str, messages: Iterable[bytes], folder: str = "INBOX") -> int:
        """Write messages straight into the user's Maildir (as new mail); how many."""
        box = self.maildir(user, folder)
        made = [self.root / "mail", self.root / "mail" / user, box]
        made += [box / sub for sub in ("cur", "new", "tmp")]
        for path in made:
            path.mkdir(exist_ok=True)
            self._own(path)
        if folder != "INBOX":
            marker = box / "maildirfolder"
            marker.touch()
            self._own(marker)
        count = 0
        stamp = int(time.time())
        for message in messages:
            self._delivered += 1
            name = f"{stamp}.M{self._delivered}P{os.getpid()}.allies-test"
            temporary = box / "tmp" / name
            temporary.write_bytes(message)
            self._own(temporary)
            os.rename(temporary, box / "new" / name)
            count += 1
        return count

    def append(self, user: str, messages: Iterable[bytes], folder: str = "INBOX") -> int:
        """Put messages in through IMAP ``APPEND``; how many."""
        client = imaplib.IMAP4("127.0.0.1", self.port)
        try:
            client.login(user, PASSWORD)
            count = 0
            for message in messages:
                client.append(folder, None, None, message)
                count += 1
            return count
        finally:
            client.logout()

    def rebuild(self, user: str, uidvalidity: int) -> None:
        """Make the server forget its UIDs for the user's INBOX: its indexes go, and the
        UID list starts again under ``uidvalidity`` (as after a restore on the server)."""
        box = self.maildir(user)
        for path in box.iterdir():
            if path.name.startswith("dovecot"):
                path.unlink()
        uidlist = box / "dovecot-uidlist"
        uidlist.write_text(f"3 V{uidvalidity} N1\n")
        self._own(uidlist)
        for sub in ("cur", "new"):
            for path in (box / sub).iterdir():
                base = path.name.split(":", 1)[0]
                os.rename(path, box / "new" / base)

    def start(self) -> None:
        """Start the server and wait for its greeting (DovecotUnavailable if it fails)."""
        self.process = subprocess.Popen(
            [DOVECOT, "-F", "-c", str(self.root / "dovecot.conf")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                error = (self.process.stderr.read() if self.process.stderr else b"").decode()
                raise DovecotUnavailable(f"dovecot stopped at once: {error}{self.log}")
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), timeout=1) as probe,
            ):
                if probe.recv(64).startswith(b"* OK"):
                    return
            time.sleep(0.05)
        self.stop()
        raise DovecotUnavailable(f"dovecot did not answer within {START_TIMEOUT} s: {self.log}")

    def stop(self) -> None:
        """Stop the server (and wait for it)."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


_OAUTH2_PASSDB = """\
passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {root}/dovecot-oauth2.conf.ext
}}
"""

_OAUTH2_CONF = """\
introspection_mode = post
introspection_url = {url}
username_attribute = username
active_attribute = active
active_value = true
"""


@contextlib.contextmanager
def running_dovecot(*, introspection_url: str = "") -> Iterator[Dovecot]:
    """A Dovecot started in a new folder under the system's temporary folder (whose
    parents Dovecot's own users can pass through, unlike pytest's) on a free port;
    stopped and removed after.

    With ``introspection_url`` it also takes OAuth2 sign-ins (SASL XOAUTH2 and
    OAUTHBEARER), asking that token introspection endpoint (RFC 7662) about each token.
    """
    if not Path(DOVECOT).exists():
        raise DovecotUnavailable(f"{DOVECOT} is not installed (Debian: dovecot-imapd)")
    folder = Path(tempfile.mkdtemp(prefix="allies-dovecot-"))
    internal, internal_group, login, uid, gid = _ids()
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o755)
    for sub in ("run", "state", "mail"):
        (folder / sub).mkdir(exist_ok=True)
    if os.getuid() == 0:
        os.chown(folder / "mail", uid, gid)
    port = _free_port()
    if introspection_url:
        (folder / "dovecot-oauth2.conf.ext").write_text(_OAUTH2_CONF.format(url=introspection_url))
    (folder / "dovecot.conf").write_text(
        _CONF.format(
            mechanisms=" xoauth2 oauthbearer" if introspection_url else "",
            oauth2=_OAUTH2_PASSDB.format(root=folder) if introspection_url else "",
            root=folder,
            port=port,
            internal=internal,
            internal_group=internal_group,
            login=login,
            uid=uid,
            gid=gid,
        )
    )
    users = "".join(f"user{n}@example.org:{{PLAIN}}{PASSWORD}\n" for n in range(1, POOL + 1))
    (folder / "users").write_text(users)
    server = Dovecot(root=folder, port=port, uid=uid, gid=gid)
    server.start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)
