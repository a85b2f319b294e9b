"""Stage 4, publishing: feeds, discovery metadata, sitemap, the 404 page,
images, the Content-Security-Policy and page compaction."""
