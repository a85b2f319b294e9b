"""Stage 1, the posts: what a post is (its front matter schema, dates, slugs)
and the record each post becomes while Sphinx reads it. Imports no later stage."""
