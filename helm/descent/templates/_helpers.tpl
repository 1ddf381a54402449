{{/*
Expand the name of the chart.
*/}}
{{- define "descent.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Create a default fully qualified app name, truncated at 63 characters (the DNS label limit).
If the release name contains the chart name it is used as the full name.
*/}}
{{- define "descent.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Chart name and version as used by the chart label.
*/}}
{{- define "descent.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Common labels
*/}}
{{- define "descent.labels" -}}
helm.sh/chart: {{ include "descent.chart" . }}
{{ include "descent.selectorLabels" . }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Selector labels
*/}}
{{- define "descent.selectorLabels" -}}
app.kubernetes.io/name: {{ include "descent.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
The name of the service account to use
*/}}
{{- define "descent.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "descent.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The image reference; the tag defaults to the chart's appVersion.
*/}}
{{- define "descent.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}

{{/*
The Secret holding the database credentials: the user's own, or the chart's.
*/}}
{{- define "descent.secretName" -}}
{{- if .Values.database.existingSecret }}
{{- .Values.database.existingSecret }}
{{- else }}
{{- include "descent.fullname" . }}
{{- end }}
{{- end }}

{{/*
The port name that serves /actuator: "management" on a separate port, else "http".
*/}}
{{- define "descent.managementPortName" -}}
{{- if .Values.managementPort }}management{{ else }}http{{ end }}
{{- end }}

{{/*
Refuse settings that cannot work: several replicas need the shared PostgreSQL store.
*/}}
{{- define "descent.validate" -}}
{{- if and (or (gt (int .Values.replicaCount) 1) .Values.autoscaling.enabled) (not .Values.database.url) }}
{{- fail "More than one replica (replicaCount > 1 or autoscaling.enabled) needs database.url: the embedded store belongs to one pod" }}
{{- end }}
{{- if and .Values.database.url (not .Values.database.existingSecret) (not .Values.database.password) }}
{{- fail "database.url is set: give database.password, or database.existingSecret naming a Secret with the credentials" }}
{{- end }}
{{- end }}
