// Progressive enhancement for the upload form: shows how much of the file has
// been sent, then that the import is running, and swaps in the result page.
// Without JavaScript the form posts normally and the same page comes back.
export function enhanceUploadForms(root = document) {
  for (const form of root.querySelectorAll('form[data-upload-progress]')) {
    const status = form.querySelector('#upload-progress');
    if (!status) continue;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const request = new XMLHttpRequest();
      request.open('POST', form.action);
      request.upload.addEventListener('progress', (e) => {
        if (!e.lengthComputable) return;
        const percent = Math.floor((e.loaded / e.total) * 100);
        status.textContent = `Uploading: ${percent}% (${megabytes(e.loaded)} of ${megabytes(e.total)} MB)`;
      });
      request.upload.addEventListener('load', () => {
        status.textContent = 'File received. Checking and importing it: large files can take a few minutes.';
      });
      request.addEventListener('load', () => {
        document.open();
        document.write(request.responseText);
        document.close();
      });
      request.addEventListener('error', () => {
        status.textContent = 'The upload failed: the connection was lost. Try again.';
      });
      status.textContent = 'Starting upload…';
      request.send(new FormData(form));
    });
  }
}

function megabytes(bytes) {
  return (bytes / 1024 / 1024).toFixed(1);
}
