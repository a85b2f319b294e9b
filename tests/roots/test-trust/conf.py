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
