// Stands in for the EXIF reader the editor would load from unpkg.com (see
// publish/editor.py): the editor never reads a photo's location or dates;
// photos are stripped of their location before they are saved.
export async function parse() {
  return {};
}
export default { parse };
