// The Select options are the doctype's (its meta is loaded before this file runs).
const unit_options = (fieldname) =>
	frappe.meta
		.get_docfield("Dialogue Unit", fieldname)
		.options.split("\n")
		.filter(Boolean)
		.map((value) => ({ value, label: __(value, null, "Dialogue Unit") }));

frappe.treeview_settings["Dialogue Unit"] = {
	breadcrumb: "Tiep Xuc Doi Thoai",
	title: __("Dialogue Unit"),
	get_tree_root: false,
	root_label: __("All Units"),
	get_tree_nodes: "frappe.desk.treeview.get_children",
	add_tree_node: "frappe.desk.treeview.add_node",
	filters: [],
	fields: [
		{ fieldtype: "Data", fieldname: "unit_name", label: __("Unit Name"), reqd: true },
		{ fieldtype: "Data", fieldname: "abbreviation", label: __("Abbreviation"), reqd: true },
		{
			fieldtype: "Select",
			fieldname: "level",
			label: __("Level", null, "Dialogue Unit"),
			options: unit_options("level"),
			reqd: true,
		},
		{
			fieldtype: "Select",
			fieldname: "kind",
			label: __("Kind", null, "Dialogue Unit"),
			options: unit_options("kind"),
			reqd: true,
		},
		{
			fieldtype: "Check",
			fieldname: "is_group",
			label: __("Is Group", null, "Dialogue Unit"),
		},
	],
	ignore_fields: ["parent_dialogue_unit"],
};
