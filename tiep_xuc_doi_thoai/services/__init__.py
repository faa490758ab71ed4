"""Domain services: the site's side of the app's rules that span several doctypes (assignments and
their reminders, the working calendar, periodic reports, a denouncer's identity, digital
signatures, what a print format reads). They read and write through Frappe and hand the arithmetic
to the frappe-free ``core`` package; controllers, jobs and ``api/`` call them."""
