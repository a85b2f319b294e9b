// Stands in for the HEIC decoder the editor would load from unpkg.com (see
// publish/editor.py): a HEIC photo is saved as it is, only its small preview
// in the editor is missing.
export async function decode() {
  throw new Error("HEIC photos are not previewed in the editor; the photo itself is kept");
}
