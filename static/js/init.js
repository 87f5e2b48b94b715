// Start the NHS.UK frontend components (character counts, exclusive checkboxes, header menu).
import { initAll } from '../vendor/nhsuk/nhsuk-frontend.min.js'

initAll()
