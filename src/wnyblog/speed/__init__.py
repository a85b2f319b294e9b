"""Stage 5, speed: making builds fast without changing a published byte (the
build's front end, incremental keys and state, processes, caches)."""
