"""The writers' command line, ``blog`` (new, check, preview, import), and the
Wix importer. Uses the posts and checks stages, never the build's events."""
