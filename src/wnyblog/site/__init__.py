"""Stage 3, the site: the published posts arranged into archives, the pages
the blog adds, the blog's directives and what templates see of it."""
