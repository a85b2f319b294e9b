#!/usr/bin/env bash
# The "New post" form (new-post.yml): start a post with `blog new` from the
# form's answers, then propose it as a pull request on its own branch.
#
# Only GitHub's own API, through `gh` and the run's token (GH_TOKEN): the
# branch and the commit are made by the API, so the checkout never holds a
# credential. The form's answers arrive as environment variables (TITLE, TAGS,
# CATEGORY, AUTHOR, DATE, DRAFT), never pasted into the script.
set -euo pipefail

summary() { printf '%s\n' "$@" >>"${GITHUB_STEP_SUMMARY:-/dev/null}"; }

stop() {
  echo "::error title=The post was not started::$1 (the run's summary says more)"
  summary "### The post was not started" "" "$1" "" "$2" "" \
    "Run the form again with the answers corrected (Actions → New post → Run workflow)."
  exit 1
}

args=(new)
[[ -n "${TAGS:-}" ]] && args+=(--tags "$TAGS")
[[ -n "${CATEGORY:-}" ]] && args+=(--category "$CATEGORY")
[[ -n "${AUTHOR:-}" ]] && args+=(--author "$AUTHOR")
[[ -n "${DATE:-}" ]] && args+=(--date "$DATE")
[[ "${DRAFT:-false}" == "true" ]] && args+=(--draft)
# After --, a title that starts with "-" is still the title.
if ! output=$(.venv/bin/blog "${args[@]}" -- "$TITLE" 2>&1); then
  stop "blog new did not accept the form's answers." "$(printf '```\n%s\n```' "$output")"
fi
echo "$output"

file=$(git ls-files --others --exclude-standard -- docs/posts)
folder=${file%/index.md}
slug=${folder##*/}
branch="new-post-$slug"  # no "/": the editor and upload links take the branch from the path
repo="repos/$GITHUB_REPOSITORY"
web="${GITHUB_SERVER_URL:-https://github.com}/$GITHUB_REPOSITORY"

if gh api "$repo/git/ref/heads/$branch" >/dev/null 2>&1; then
  stop "The branch $branch already exists." \
    "A pull request for a post with this address may already be open: look under Pull requests, or choose another title."
fi
gh api --method POST "$repo/git/refs" -f "ref=refs/heads/$branch" -f "sha=$GITHUB_SHA" >/dev/null
gh api --method PUT "$repo/contents/$file" \
  -f "message=Start the post: $TITLE" \
  -f "content=$(base64 -w0 "$file")" \
  -f "branch=$branch" >/dev/null

body=$(mktemp)
cat >"$body" <<EOF
This pull request starts the post **${TITLE}** in \`$file\`.

1. **Write it:** [open the post in the editor]($web/edit/$branch/$file), replace the sample
   text with your post, then press **Commit changes…** and keep **Commit directly to the
   \`$branch\` branch**.
2. **Add photos:** [upload them into the post's folder]($web/upload/$branch/$folder), in the same
   branch, and describe each one in the post: \`![what the photo shows](photo.jpg)\`.
3. **Check it:** after each commit, the checks below run again. A problem shows on its line
   under **Files changed**; the **Details** of "Check posts" list every problem and how to
   fix it, and hold the built site to download.
4. **Look at it:** if Read the Docs previews are on, the **Details** of the
   "docs/readthedocs.org" check open a preview of the whole blog with your post.
5. **Publish:** when the checks pass and the post reads well, press **Merge pull request**.
   The blog is rebuilt and published a few minutes later.

WRITING.md ("Writing on github.com") explains each step.
EOF
url=$(gh pr create --repo "$GITHUB_REPOSITORY" --base "$GITHUB_REF_NAME" --head "$branch" \
  --title "New post: $TITLE" --body-file "$body")
echo "Opened $url"
summary "### The post is started" "" \
  "[$TITLE]($url): the pull request says what to do next." "" \
  "The post is \`$file\` on the branch \`$branch\`."
