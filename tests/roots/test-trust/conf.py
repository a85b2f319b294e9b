# Health content: a post clinically reviewed by an author who wrote nothing, with
# sources; an academic post for the reading-grade advice; a plain one
# (tests/test_trust.py). The people here are invented for the tests.
project = "Trust"
extensions = ["myst_parser", "ablog", "wnyblog"]
html_theme = "furo"
smartquotes = False
site_url = "https://example.org/"
blog_post_pattern = ["posts/*/*/index.md"]
skip_injecting_base_ablog_templates = True
html_theme_options = {"announcement": "crisis-line"}
clinic_name = "Trust Clinic"
clinic_author = "clinic"
blog_review_categories = ["Conditions and treatment"]
blog_review_months = 24
blog_reading_grade = 8
html_static_path = ["_static"]  # the site's images, linked from docs/_static
site_icon = "icon.png"
site_favicon = "icon-64.png"
site_logo = "logo.png"
site_image = "social-card.png"
site_image_alt = "The clinic's emblem"
