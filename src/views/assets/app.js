import { initAll } from '/assets/govuk-frontend.min.js';
import { enhanceUploadForms } from '/assets/uploadProgress.js';

initAll();
enhanceUploadForms();
