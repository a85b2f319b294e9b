"""Sphinx settings for the WNY Psychiatry & Counseling Associates blog.

Settings only: what the site does lives in the `wnyblog` extension (src/wnyblog).
Build with `make html`; sources are in docs/, this file stays at the root.
"""

# -- Project --------------------------------------------------------------------------------------
project = "WNY Psychiatry & Counseling Associates Blog"
author = "WNY Psychiatry & Counseling Associates"
copyright = "WNY Psychiatry & Counseling Associates"
language = "en"

# -- Extensions -----------------------------------------------------------------------------------
extensions = [
    "myst_parser",  # posts and pages are MyST Markdown
    "ablog",  # reads the posts
    "wnyblog",  # the clinic's blog: schema checks, drafts, archives, feeds, Furo templates
]
source_suffix = {".md": "markdown"}
exclude_patterns = ["**/README.md"]
# Keep the writers' text exactly as typed: no automatic curly quotes or dashes.
smartquotes = False
# html_image: an <img> tag a writer types is a picture like ![...](...): published small.
myst_enable_extensions = ["colon_fence", "deflist", "html_image"]
myst_heading_anchors = 3

# -- The site -------------------------------------------------------------------------------------
# The public address; SITE_URL (or Read the Docs' READTHEDOCS_CANONICAL_URL) overrides it.
site_url = "https://wny-psychiatry.github.io/blog/"
clinic_name = "WNY Psychiatry & Counseling Associates"
# Shown on "Get help now" only when set. Never fill these with guesses.
clinic_phone = None
clinic_address = None
clinic_website = None

# -- How the site shows up in feed readers, link previews and search results ---------------------
# Files in docs/_static, drawn by scripts/draw_site_images.py (replace them with real artwork).
site_icon = "icon.png"  # square (512 px): feed icon, the clinic's logo in search results
site_favicon = "icon-64.png"  # small square: JSON Feed favicon
site_logo = "logo.png"  # twice as wide as tall, at most 144 px wide (RSS and Atom logo)
site_image = "social-card.png"  # link previews of pages that have no cover image
site_image_alt = (
    "A cream heart on a teal circle, the emblem of the WNY Psychiatry & Counseling Associates blog"
)
# The GitHub repository the web editor at admin/ commits to; unset, it is read from
# site_url (https://OWNER.github.io/NAME/ -> OWNER/NAME).
# editor_repository = "wny-psychiatry/blog"

# The author (a key in docs/vocabulary.yaml) that is the clinic itself, an organisation.
clinic_author = "clinic"

# -- The blog (ABlog settings, shared with the writers' `blog check`) ------------------------------
blog_path = "blog"
blog_title = "WNY Psychiatry & Counseling Associates Blog"
blog_feed_subtitle = "Mental health education from WNY Psychiatry & Counseling Associates"
blog_post_pattern = ["posts/*/*/index.md"]
blog_feed_length = 20
skip_injecting_base_ablog_templates = True
post_auto_excerpt = 1
post_date_format = "%d %B %Y"

# The authors, tags and categories posts may use are not set here: writers keep
# them in docs/vocabulary.yaml, and the build reads them from there.
blog_home_posts = 5
blog_sidebar_posts = 5
# Posts per page on the all-posts, year, tag, category and author pages.
blog_page_size = 10

# -- Health content: clinical review and plain language (WRITING.md, docs/editorial-policy.md) ---
# Posts in these categories (from docs/vocabulary.yaml) need `reviewed_by:` and `reviewed:`.
blog_review_categories = ["Conditions and treatment"]
# A review older than this many months gets advice to review the post again.
blog_review_months = 24
# `blog check` advises plainer sentences above this reading grade (Flesch-Kincaid; US school grade).
blog_reading_grade = 8

# -- HTML -----------------------------------------------------------------------------------------
html_theme = "furo"
html_title = "WNY Psychiatry & Counseling Associates Blog"
html_static_path = ["docs/_static"]
html_favicon = "docs/_static/favicon.svg"
html_copy_source = False
html_show_sourcelink = False
html_permalinks_icon = "#"
html_theme_options = {
    "announcement": "crisis-line",  # the template shows the crisis line here on every page
    "top_of_page_buttons": [],
}
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
