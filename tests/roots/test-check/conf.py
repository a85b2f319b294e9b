# A small blog for the writers' checks: good posts here; bad ones are added by tests.
project = "Check"
extensions = ["myst_parser", "ablog", "wnyblog"]
html_theme = "furo"
smartquotes = False
site_url = "https://example.org/"
blog_post_pattern = ["posts/*/*/index.md"]
skip_injecting_base_ablog_templates = True
blog_authors = {"clinic": ("The Clinic", None), "dr-lee": ("Dr. Lee", None)}
blog_default_author = "clinic"
blog_tags = ["anxiety", "sleep", "grief"]
blog_categories = ["Living well", "Clinic news"]
html_theme_options = {"announcement": "crisis-line"}
