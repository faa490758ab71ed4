app_name = "tiep_xuc_doi_thoai"
app_title = "Tiep Xuc Doi Thoai"
app_publisher = "tiep_xuc_doi_thoai developers"
app_description = (
	"Tiếp xúc, đối thoại trực tiếp với Nhân dân: plans, conferences, petitions, assignments, reports"
)
app_email = "dev@tiep-xuc-doi-thoai.invalid"
app_license = "mit"

# Apps
# ------------------

# required_apps = []  # frappe only; naming it makes install look it up on the network

add_to_apps_screen = [
	{
		"name": "tiep_xuc_doi_thoai",
		"logo": "/assets/frappe/images/frappe-framework-logo.svg",
		"title": "Tiếp xúc đối thoại",
		"route": "/app/citizen-dialogue",
	}
]

# Includes in <head>
# ------------------

# app_include_css = "/assets/tiep_xuc_doi_thoai/css/tiep_xuc_doi_thoai.css"
# app_include_js = "/assets/tiep_xuc_doi_thoai/js/tiep_xuc_doi_thoai.js"

# Installation
# ------------

before_install = "tiep_xuc_doi_thoai.setup.install.before_install"
after_install = "tiep_xuc_doi_thoai.setup.install.after_install"

# Uninstallation
# ------------

before_uninstall = "tiep_xuc_doi_thoai.setup.uninstall.before_uninstall"

# Testing
# -------

before_tests = "tiep_xuc_doi_thoai.setup.install.before_tests"

# Python type annotations in controllers (the auto-generated DF.* block)
export_python_type_annotations = True

# Fixtures: none. Roles, rules, categories and settings are created on install only if
# missing, so what an administrator changes survives `bench migrate` (see setup/install.py).
