# A reader's blog: related posts with known tag overlaps, a cover image, and a
# page with injected active content (injected.md). tests/conftest.py adds 25 posts tagged
# "sleep" (pagination) and a post of known length (reading time) before building.
project = "Reader blog"
extensions = ["myst_parser", "ablog", "wnyblog"]
html_theme = "furo"
smartquotes = False
language = "en"
site_url = "https://example.org/reader/"
blog_post_pattern = ["posts/*/*/index.md"]
skip_injecting_base_ablog_templates = True
blog_title = "Reader blog"
blog_page_size = 10
html_sidebars = {
    "**": [
        "sidebar/brand.html",
        "sidebar/search.html",
        "sidebar/scroll-start.html",
        "sidebar/navigation.html",
        "blog/sidebar.html",
        "sidebar/scroll-end.html",
    ]
}
html_theme_options = {"announcement": "crisis-line", "top_of_page_buttons": []}
clinic_name = "Example Clinic"
