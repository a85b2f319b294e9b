"""Pictures as readers get them: never the writer's file, always derived copies.

A photo a writer drops beside a post (a 12-megapixel phone JPEG or HEIC, with
the place it was taken in its EXIF) is published as small files without any
metadata, turned the right way up, in sRGB, at the widths of one ladder and in
AVIF, WebP and JPEG (PNG when it is transparent), with ``<picture>`` markup
that lets the browser choose. ``derive.py`` makes the files (``encode.py``
writes each one within the size budget), ``socialcard.py``
draws the link-preview card of a post without a cover, ``cache.py`` keeps
them by content beside the doctrees, ``prepare.py`` decides what a build
publishes and encodes what is new over the cores, and ``markup.py`` puts the
``<picture>`` elements in the pages.
"""
