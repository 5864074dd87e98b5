"""What the jobs do, a flow per module: the pull and merge request checks (their results and
effects), the ``/vibe`` commands, the default branch's baseline, documentation, review, dependency
upgrades, ask, deploy and what triggers it, suggested fixes; and what the flows share (the
permission guard, the language model's settings, a failed check's message). The ``gitlab_*``
modules are GitLab's side."""
