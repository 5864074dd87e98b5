package web

import "html/template"

func Render(comment string) []template.HTML {
	return []template.HTML{
		// ruleid: go.template-html-unescaped
		template.HTML(comment),
		// ok: go.template-html-unescaped
		template.HTML("<hr>"),
		// ok: go.template-html-unescaped
		template.HTML(template.HTMLEscapeString(comment)),
	}
}
