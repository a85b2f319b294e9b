# A small blog with the edge cases: several authors, no tags, an image,
# a draft, a scheduled post and two posts on the same day.
project = "Edge cases"
extensions = ["myst_parser", "ablog", "wnyblog"]
html_theme = "furo"
smartquotes = False
site_url = "https://example.org/clinic/"
blog_post_pattern = ["posts/*/*/index.md"]
skip_injecting_base_ablog_templates = True
blog_title = "Edge blog"
html_sidebars = {"**": ["sidebar/brand.html", "sidebar/search.html", "sidebar/navigation.html", "blog/sidebar.html"]}
html_theme_options = {"announcement": "crisis-line"}
clinic_name = "Example Clinic"
clinic_phone = "(716) 555-0100"  # fictional
clinic_website = "https://clinic.example.org/"
html_static_path = ["_static"]  # the site's images, linked from docs/_static
site_image_alt = "The clinic's emblem"
clinic_author = "clinic"
site_icon = "icon.png"
site_favicon = "icon-64.png"
site_logo = "logo.png"
site_image = "social-card.png"
