"""What the vocabulary file may hold, checked like a post (a problem at its
line, with its fix); what can be read still becomes the Vocabulary, a section
that cannot be read marked ``unknown``. :mod:`.vocabulary` is what others call.
"""

import re
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import yamltext
from .schema import Problem, Profile, Vocabulary, shown
from .slugs import slugify
from .values import did_you_mean, has_words
from .yamltext import line_of, text_of

SECTIONS = ("authors", "default_author", "categories", "tags")
AUTHOR_SETTINGS = ("name", "link", "credentials", "role", "bio", "photo")
# Optional words about an author, shown on their page and in bylines.
_PROFILE_TEXTS = ("credentials", "role", "bio")
PHOTO_FOLDER = "authors"  # in the source folder: docs/authors/
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".avif")
_KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_LINK = re.compile(r"https?://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?")
_ALL = frozenset({"authors", "tags", "categories"})


def read(path: Path) -> tuple[Vocabulary, list[Problem]]:
    """The vocabulary in the file at *path*, and its problems in line order."""
    reader = _Reader(path)
    vocab = reader.read()
    return vocab, sorted(reader.problems, key=lambda problem: problem.line)


def _fix(err: yamltext.YamlError) -> str:
    if "\\t" in err.problem:
        return "indent with spaces, not tabs"
    if err.problem == "could not find expected ':'":
        return (
            "a tag or category on this line needs `- ` before it; a section or an author's "
            "key needs `:` after it"
        )
    return (
        "start each section (`tags:`) at the beginning of a line, each entry on its own line "
        "after `- `, indented like the others, and put quotes around a name that contains "
        "a colon"
    )


class _Reader:
    def __init__(self, path: Path) -> None:
        self.path, self.where = path, shown(path)
        self.problems: list[Problem] = []
        self.unknown: set[str] = set()

    def add(self, line: int, message: str, fix: str) -> None:
        self.problems.append(Problem(self.where, line, message, fix))

    def read(self) -> Vocabulary:
        node = self._document()
        if node is None:
            return Vocabulary({}, (), (), source=self.where, unknown=_ALL)
        for key, line, first in yamltext.duplicate_keys(node):
            self.add(
                line + 1,
                f"“{key}” is written twice (first on line {first + 1})",
                "keep one of the two and delete the other",
            )
        sections: dict[str, Node] = {}
        for key, value in node.value:
            name = text_of(key) if isinstance(key, ScalarNode) else str(key.value)
            if name in sections:
                continue  # reported above
            if name not in SECTIONS:
                self.add(
                    line_of(key),
                    f'unknown section "{name}"{did_you_mean(name, SECTIONS)}',
                    "the file has these sections: " + ", ".join(SECTIONS),
                )
                continue
            sections[name] = value
        authors, links, profiles = self._authors(sections.get("authors"))
        return Vocabulary(
            authors=authors,
            tags=self._names("tags", sections.get("tags"), "tag"),
            categories=self._names("categories", sections.get("categories"), "category"),
            default_author=self._default(sections.get("default_author"), authors),
            links=links,
            profiles=profiles,
            source=self.where,
            unknown=frozenset(self.unknown),
        )

    def _document(self) -> MappingNode | None:
        """The file's top mapping, or None (and a problem) when there is none."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            self.add(
                1,
                "the site has no vocabulary file",
                f"create {self.where} with the authors, tags and categories posts may use "
                "(WRITING.md shows how)",
            )
            return None
        try:
            node, _ = yamltext.parse(raw.decode("utf-8-sig"))
        except UnicodeDecodeError as err:
            line = raw[: err.start].count(b"\n") + 1
            self.add(line, "the file is not UTF-8 text", "save it as “UTF-8” in your editor")
            return None
        except yamltext.YamlError as err:
            self.add(err.line + 1, f"the file is not valid YAML ({err.problem})", _fix(err))
            return None
        if yamltext.is_empty(node) or not isinstance(node, MappingNode):
            self.add(
                1 if yamltext.is_empty(node) else line_of(node),
                "the file does not list the authors, tags and categories",
                "write the sections `authors:`, `tags:` and `categories:`, each at the "
                "beginning of a line (WRITING.md shows how)",
            )
            return None
        return node

    def _names(self, section: str, node: Node | None, noun: str) -> tuple[str, ...]:
        """A list of tags or categories: each a distinct name with its own page."""
        if yamltext.is_empty(node):
            return ()
        if not isinstance(node, SequenceNode):
            self.unknown.add(section)
            self.add(
                line_of(node),
                f"`{section}` should be a list, one {noun} per line",
                f"write each {noun} on its own line under `{section}:`, after `- `",
            )
            return ()
        names: dict[str, int] = {}
        folded: dict[str, str] = {}
        slugs: dict[str, str] = {}
        for item in node.value:
            text = text_of(item) if isinstance(item, ScalarNode) else None
            if not text:
                self.add(
                    line_of(item),
                    f"an empty {noun}" if text == "" else f"this entry is not one {noun}",
                    f"write one {noun} after `- `, or delete the line",
                )
            elif not has_words(text):
                self.add(
                    line_of(item),
                    f"“{text}” is not a {noun}: it has no letters or digits",
                    "write it in words, or delete the line",
                )
            elif item.end_mark.line > item.start_mark.line:
                # YAML joins the lines of a name, as Python joined two strings
                # a missing comma left side by side: "young people grief".
                self.add(
                    line_of(item),
                    f"the {noun} “{text}” goes on over "
                    f"{item.end_mark.line + 2 - line_of(item)} lines",
                    f"start each {noun} on its own line with `- `: one is missing on line "
                    f"{line_of(item) + 1}",
                )
            elif noun == "tag" and "," in text:
                self.add(
                    line_of(item),
                    f"the tag “{text}” has a comma, which separates tags in a post",
                    "make it two tags, one per line, or leave the comma out",
                )
            elif text in names:
                self.add(
                    line_of(item),
                    f"“{text}” is listed twice (first on line {names[text]})",
                    "delete this line",
                )
            elif text.casefold() in folded:
                other = folded[text.casefold()]
                self.add(
                    line_of(item),
                    f"“{text}” differs from “{other}” (line {names[other]}) only in capitals",
                    f"keep one spelling and delete the other: both would share one {noun} page",
                )
            elif slugify(text) in slugs:
                other = slugs[slugify(text)]
                self.add(
                    line_of(item),
                    f"“{text}” and “{other}” (line {names[other]}) would share one page "
                    f"address ({slugify(text)})",
                    "keep one of the two, or make the names differ in more than spaces and "
                    "punctuation",
                )
            else:
                names[text] = line_of(item)
                folded[text.casefold()] = slugs[slugify(text)] = text
        return tuple(names)

    def _authors(
        self, node: Node | None
    ) -> tuple[dict[str, str], dict[str, str], dict[str, Profile]]:
        authors: dict[str, str] = {}
        links: dict[str, str] = {}
        profiles: dict[str, Profile] = {}
        if yamltext.is_empty(node):
            return authors, links, profiles
        if not isinstance(node, MappingNode):
            self.unknown.add("authors")
            self.add(
                line_of(node),
                "`authors` should list each author's key with their name under it",
                "write the key (e.g. `dr-lee:`), then on the next line, indented, "
                "`name: Dr. Jane Lee`",
            )
            return authors, links, profiles
        lines: dict[str, int] = {}
        by_name: dict[str, str] = {}
        for key_node, value in node.value:
            key = text_of(key_node) if isinstance(key_node, ScalarNode) else ""
            if key in authors:
                continue  # reported as written twice
            line = line_of(key_node)
            if not _KEY.fullmatch(key):
                self.add(
                    line,
                    f"the author key “{key}” may only have lowercase letters, digits and hyphens",
                    f"write it as {slugify(key) or 'dr-lee'}: posts name the author by it, "
                    "and it is part of the address of the author's page",
                )
            name, link, profile = self._author(key, line, value)
            other = by_name.get(name.casefold()) if name else None
            if other is not None:
                self.add(
                    line,
                    f"the author “{key}” has the same name as “{other}” (line {lines[other]})",
                    "give each author their own name, or keep one of the two",
                )
            authors[key], lines[key] = name or key, line
            by_name.setdefault((name or key).casefold(), key)
            if link:
                links[key] = link
            if profile != Profile():
                profiles[key] = profile
        return authors, links, profiles

    def _author(self, key: str, line: int, node: Node) -> tuple[str, str, Profile]:
        """One author's display name and link ("" when missing) and profile."""
        settings: dict[str, Node] = {}
        if isinstance(node, ScalarNode):
            settings = {} if yamltext.is_empty(node) else {"name": node}
        elif isinstance(node, MappingNode):
            for setting, value in node.value:
                name = text_of(setting) if isinstance(setting, ScalarNode) else ""
                if name not in AUTHOR_SETTINGS:
                    self.add(
                        line_of(setting),
                        f'unknown setting "{name}" for the author “{key}”'
                        + did_you_mean(name, AUTHOR_SETTINGS),
                        "an author has `name:` and, when known, `link:` (their page elsewhere), "
                        "`credentials:`, `role:`, `bio:` and `photo:`",
                    )
                settings.setdefault(name, value)
        else:
            self.add(
                line_of(node),
                f"the author “{key}” should have `name:` (and `link:`) under it",
                "write `name: ` and the name readers see, indented under the key",
            )
            return "", "", Profile()
        name = self._scalar(settings.get("name"), f"the name of “{key}”")
        if not name:
            self.add(
                line_of(settings["name"]) if "name" in settings else line,
                f"the author “{key}” has no display name",
                "add the name readers see under the key, indented: `name: Dr. Jane Lee`",
            )
        elif not has_words(name):
            self.add(
                line_of(settings["name"]),
                f"the name of the author “{key}” has no letters (“{name}”)",
                "write the name readers see, e.g. `name: Dr. Jane Lee`",
            )
            name = ""
        link = self._scalar(settings.get("link"), f"the link of “{key}”")
        if link and not _LINK.fullmatch(link):
            self.add(
                line_of(settings["link"]),
                f"the link of the author “{key}” is not a web address (“{link}”)",
                "write the whole address, starting with https://, or delete the `link:` line",
            )
            link = ""
        return name, link, self._profile(key, settings)

    def _profile(self, key: str, settings: dict[str, Node]) -> Profile:
        """The author's credentials, role, bio and photo, each checked."""
        found: dict[str, str] = {}
        for setting in _PROFILE_TEXTS:
            node = settings.get(setting)
            text = self._scalar(node, f"the {setting} of “{key}”")
            if node is None or isinstance(node, SequenceNode | MappingNode):
                continue
            if not has_words(text):
                self.add(
                    line_of(node),
                    f"the {setting} of the author “{key}” is empty"
                    if not text
                    else f"the {setting} of the author “{key}” has no words (“{text}”)",
                    f"write it after `{setting}:`, or delete the line",
                )
                continue
            found[setting] = text
        photo = self._photo(key, settings.get("photo"))
        return Profile(**found, photo=photo)

    def _photo(self, key: str, node: Node | None) -> str | None:
        """A photo file in docs/authors/ (its path from the source folder)."""
        if node is None:
            return None
        text = self._scalar(node, f"the photo of “{key}”")
        if isinstance(node, SequenceNode | MappingNode):
            return None
        name = text.replace("\\", "/").removeprefix("./")
        srcdir = self.path.parent
        fix = (
            f"put the photo in {shown(srcdir / PHOTO_FOLDER)}/ and write its name from the "
            f"source folder, e.g. `photo: {PHOTO_FOLDER}/{key}.jpg` (JPEG, PNG, WebP or AVIF)"
        )
        if not name:
            self.add(line_of(node), f"the photo of the author “{key}” is empty", fix)
        elif (
            not name.startswith(PHOTO_FOLDER + "/")
            or ".." in name.split("/")
            or not name.lower().endswith(PHOTO_SUFFIXES)
        ):
            self.add(
                line_of(node),
                f"the photo of the author “{key}” is not a picture in {PHOTO_FOLDER}/ (“{text}”)",
                fix,
            )
        elif not (srcdir / name).is_file():
            self.add(
                line_of(node),
                f"the photo of the author “{key}” does not exist (“{text}”)",
                fix,
            )
        else:
            return name
        return None

    def _scalar(self, node: Node | None, what: str) -> str:
        if node is None or isinstance(node, ScalarNode):
            return text_of(node) if node is not None else ""
        self.add(
            line_of(node),
            f"{what} should be one piece of text",
            "write it on the same line",
        )
        return ""

    def _default(self, node: Node | None, authors: dict[str, str]) -> str | None:
        if node is None:
            return None
        key = text_of(node) if isinstance(node, ScalarNode) else ""
        if not key:
            self.add(
                line_of(node),
                "`default_author` is empty"
                if isinstance(node, ScalarNode)
                else "`default_author` should be one author key",
                "write the key of the author of posts without `author:`, or delete the line",
            )
        elif key not in authors and "authors" not in self.unknown:
            self.add(
                line_of(node),
                f'`default_author` "{key}" is not one of the authors' + did_you_mean(key, authors),
                "use a key listed under `authors:`",
            )
        else:
            return key
        return None
