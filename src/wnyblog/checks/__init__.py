"""Stage 2, the checks: what a post may not do, each problem as
``file:line: what — how to fix``. Shared by ``blog check`` and the build."""
