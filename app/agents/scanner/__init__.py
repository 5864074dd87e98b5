"""The scanner agent: languages, dependency manifests, frameworks, infrastructure, licence and
health score of a source tree."""
