# A small blog for the writers' checks: good posts here; bad ones are added by tests.
project = "Check"
extensions = ["myst_parser", "ablog", "wnyblog"]
html_theme = "furo"
smartquotes = False
site_url = "https://example.org/"
blog_post_pattern = ["posts/*/*/index.md"]
skip_injecting_base_ablog_templates = True
html_theme_options = {"announcement": "crisis-line"}
