/** Longest side of a photo sent from the phone: enough to read a nameplate, light on mobile data. */
const MAX_SIDE = 1920;

/** Scales a large camera photo down to JPEG before upload; the original when that is not possible. */
export async function shrinkPhoto(file: File): Promise<{ blob: Blob; name: string }> {
  try {
    if (typeof createImageBitmap !== 'function' || file.size < 600_000) return { blob: file, name: file.name };
    const bmp = await createImageBitmap(file);
    const scale = Math.min(1, MAX_SIDE / Math.max(bmp.width, bmp.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bmp.width * scale);
    canvas.height = Math.round(bmp.height * scale);
    canvas.getContext('2d')?.drawImage(bmp, 0, 0, canvas.width, canvas.height);
    bmp.close();
    const blob = await new Promise<Blob | null>((res) => canvas.toBlob(res, 'image/jpeg', 0.85));
    if (!blob || blob.size >= file.size) return { blob: file, name: file.name };
    return { blob, name: file.name.replace(/\.[^.]*$/, '') + '.jpg' };
  } catch {
    return { blob: file, name: file.name };
  }
}
