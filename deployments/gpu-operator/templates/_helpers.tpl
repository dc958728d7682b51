{{/*
The release of NVIDIA's gpu-operator whose values and operand images this chart mirrors. NVIDIA's chart
gives an operand without a version (validator, node status exporter) its own appVersion; with NVIDIA's
images this chart gives them this release.
*/}}
{{- define "gpu-operator.nvidiaRelease" -}}v26.7.0{{- end -}}

{{/* The chart name, as NVIDIA's chart names it (nameOverride honoured). */}}
{{- define "gpu-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* `name-version` for the helm.sh/chart label. */}}
{{- define "gpu-operator.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels of every object this chart creates. */}}
{{- define "gpu-operator.labels" -}}
app.kubernetes.io/name: {{ include "gpu-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ include "gpu-operator.chart" . }}
{{- with .Values.operator.labels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* The operator's image (operatorImage): repository/image:version, version defaulting to the appVersion. */}}
{{- define "gpu-operator.image" -}}
{{- $o := .Values.operatorImage -}}
{{- $version := toString ($o.version | default .Chart.AppVersion) -}}
{{- if hasPrefix "sha256:" $version -}}
{{- printf "%s/%s@%s" $o.repository $o.image $version -}}
{{- else -}}
{{- printf "%s/%s:%s" $o.repository $o.image $version -}}
{{- end -}}
{{- end -}}

{{/*
The version of an operand whose version NVIDIA's chart defaults (validator, node status exporter):
the one set; else the operator's when the operand runs the operator's image; else the NVIDIA release.
Argument: (list $ section).
*/}}
{{- define "gpu-operator.defaultedVersion" -}}
{{- $root := index . 0 -}}{{- $section := index . 1 -}}
{{- if $section.version -}}
{{- toString $section.version -}}
{{- else if and (eq (toString $section.repository) (toString $root.Values.operatorImage.repository)) (eq (toString $section.image) (toString $root.Values.operatorImage.image)) -}}
{{- toString ($root.Values.operatorImage.version | default $root.Chart.AppVersion) -}}
{{- else -}}
{{- include "gpu-operator.nvidiaRelease" $root -}}
{{- end -}}
{{- end -}}

{{/*
The keys of a values section that are set (non-empty), as YAML: what NVIDIA's chart writes with one
`if` per key. A version is written as a string, as NVIDIA's chart quotes it.
Argument: (list section keys).
*/}}
{{- define "gpu-operator.pick" -}}
{{- $section := index . 0 | default dict -}}
{{- $picked := dict -}}
{{- range $key := index . 1 -}}
{{- $value := get $section $key -}}
{{- if $value -}}
{{- if eq $key "version" -}}{{- $value = toString $value -}}{{- end -}}
{{- $_ := set $picked $key $value -}}
{{- end -}}
{{- end -}}
{{- toYaml $picked -}}
{{- end -}}

{{/*
An operand section as NVIDIA's chart renders it: `enabled` always when the section has it, then the
image fields, pull settings, resources, env and args that are set, plus `extra` keys when set.
Argument: (list section extraKeys).
*/}}
{{- define "gpu-operator.operand" -}}
{{- $section := index . 0 | default dict -}}
{{- $keys := concat (list "repository" "image" "version" "imagePullPolicy" "imagePullSecrets" "resources" "env" "args") (index . 1) -}}
{{- $out := include "gpu-operator.pick" (list $section $keys) | fromYaml -}}
{{- if hasKey $section "enabled" -}}{{- $_ := set $out "enabled" $section.enabled -}}{{- end -}}
{{- toYaml $out -}}
{{- end -}}

{{/* A driver manager section (driver.manager, vgpuManager.driverManager, vfioManager.driverManager). */}}
{{- define "gpu-operator.driverManager" -}}
{{- include "gpu-operator.pick" (list . (list "repository" "image" "version" "imagePullPolicy" "env")) -}}
{{- end -}}

{{/* Lines of `name: value` for a ConfigMap's data; a string is taken as that map in YAML. */}}
{{- define "gpu-operator.configData" -}}
{{- if kindIs "string" . -}}
{{- . -}}
{{- else -}}
{{- toYaml . -}}
{{- end -}}
{{- end -}}
