# Feeds at their limits: a feed length of two, raw HTML whose links must be made
# absolute, a site at the root of its domain, and a post whose text the
# tests change between two builds (tests/test_feeds.py).
project = "Feed limits"
extensions = ["myst_parser", "ablog", "wnyblog"]
html_theme = "furo"
smartquotes = False
site_url = "https://example.net/"
blog_post_pattern = ["posts/*/*/index.md"]
skip_injecting_base_ablog_templates = True
blog_title = "Feed limits blog"
blog_feed_length = 2
html_static_path = ["_static"]  # the site's images, linked from docs/_static
site_image_alt = "The clinic's emblem"
html_theme_options = {"announcement": "crisis-line"}
clinic_name = "Feed Clinic"
site_icon = "icon.png"
site_favicon = "icon-64.png"
site_logo = "logo.png"
site_image = "social-card.png"
