"""Network surveys: ask the people themselves whom they go to for advice, whom they trust
and whose lead they take, through personal expiring links that need no account; the
answers become stated ties that feed influence (:mod:`allies.services.surveys.manage`,
:mod:`allies.services.surveys.answer`, :mod:`allies.services.surveys.links`)."""
