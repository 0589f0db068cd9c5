{{/* The release's full name, at most 63 characters less room for a role suffix. */}}
{{- define "conveyor.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "conveyor.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ default .Chart.Name .Values.nameOverride }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Selector labels of one role: include with (dict "root" $ "role" "web"). */}}
{{- define "conveyor.selectorLabels" -}}
app.kubernetes.io/name: {{ default .root.Chart.Name .root.Values.nameOverride }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .role }}
{{- end -}}

{{- define "conveyor.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "conveyor.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "conveyor.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{- define "conveyor.webServiceName" -}}
{{- printf "%s-web" (include "conveyor.fullname" .) -}}
{{- end -}}

{{/* The Secret the pods read: the operator's, or the one the Key Vault CSI driver syncs. */}}
{{- define "conveyor.secretName" -}}
{{- if .Values.secrets.keyVault.enabled -}}
{{- printf "%s-keyvault" (include "conveyor.fullname" .) -}}
{{- else -}}
{{- required "secrets.existingSecret: name the Kubernetes Secret holding the database URL, user, password, storage connection string and keys" .Values.secrets.existingSecret -}}
{{- end -}}
{{- end -}}

{{/* The settings every pod gets (application.yaml), of which the checksum annotation is taken. */}}
{{- define "conveyor.config" -}}
{{- $managed := dict "conveyor" (dict "shutdown-grace" (printf "%ds" (int .Values.conveyor.shutdownGraceSeconds)) "bootstrap-admin-key-file" "/tmp/conveyor/admin-key" "database" (dict "migrate-on-start" false)) "management" (dict "server" (dict "port" (int .Values.management.port))) -}}
{{- toYaml (mustMergeOverwrite (deepCopy (default (dict) .Values.conveyor.config)) $managed) -}}
{{- end -}}

{{/* Environment from the secrets. */}}
{{- define "conveyor.secretEnv" -}}
{{- $secret := include "conveyor.secretName" . -}}
{{- $keys := .Values.secrets.keys -}}
- name: CONVEYOR_DATABASE_URL
  valueFrom: {secretKeyRef: {name: {{ $secret }}, key: {{ $keys.databaseUrl }}}}
- name: CONVEYOR_DATABASE_USER
  valueFrom: {secretKeyRef: {name: {{ $secret }}, key: {{ $keys.databaseUser }}}}
- name: CONVEYOR_DATABASE_PASSWORD
  valueFrom: {secretKeyRef: {name: {{ $secret }}, key: {{ $keys.databasePassword }}}}
{{- end -}}

{{- define "conveyor.serverEnv" -}}
{{- $secret := include "conveyor.secretName" . -}}
{{- $keys := .Values.secrets.keys -}}
{{ include "conveyor.secretEnv" . }}
{{- if $keys.storageConnectionString }}
- name: CONVEYOR_STORAGE_CONNECTION_STRING
  valueFrom: {secretKeyRef: {name: {{ $secret }}, key: {{ $keys.storageConnectionString }}}}
{{- end }}
- name: CONVEYOR_SECRETS_KEY
  valueFrom: {secretKeyRef: {name: {{ $secret }}, key: {{ $keys.secretsKey }}}}
- name: CONVEYOR_BOOTSTRAP_ADMIN_KEY
  valueFrom: {secretKeyRef: {name: {{ $secret }}, key: {{ $keys.bootstrapAdminKey }}}}
- name: SPRING_CONFIG_ADDITIONAL_LOCATION
  value: /config/
- name: MANAGEMENT_SERVER_PORT
  value: {{ .Values.management.port | quote }}
{{- with .Values.jvm.options }}
- name: JDK_JAVA_OPTIONS
  value: {{ . | quote }}
{{- end }}
{{- end -}}

{{/* Pod labels: the role's selector labels and, with workload identity, the label its webhook looks for. */}}
{{- define "conveyor.podLabels" -}}
{{ include "conveyor.selectorLabels" . }}
{{- if .root.Values.azure.workloadIdentity.enabled }}
azure.workload.identity/use: "true"
{{- end }}
{{- with .root.Values.podLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "conveyor.keyVaultVolume" -}}
{{- if .Values.secrets.keyVault.enabled }}
- name: secrets-store
  csi:
    driver: secrets-store.csi.k8s.io
    readOnly: true
    volumeAttributes:
      secretProviderClass: {{ include "conveyor.fullname" . }}
{{- end }}
{{- end -}}

{{- define "conveyor.keyVaultMount" -}}
{{- if .Values.secrets.keyVault.enabled }}
- name: secrets-store
  mountPath: /mnt/secrets-store
  readOnly: true
{{- end }}
{{- end -}}

{{/*
One server pod template: include with (dict "root" $ "role" "web" "stages" "none" "resources" ...).
*/}}
{{- define "conveyor.podTemplate" -}}
{{- $root := .root -}}
metadata:
  labels:
    {{- include "conveyor.podLabels" . | nindent 4 }}
  annotations:
    checksum/config: {{ include "conveyor.config" $root | sha256sum }}
    {{- with $root.Values.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  serviceAccountName: {{ include "conveyor.serviceAccountName" $root }}
  terminationGracePeriodSeconds: {{ add (int $root.Values.conveyor.shutdownGraceSeconds) (int $root.Values.conveyor.shutdownMarginSeconds) }}
  {{- with $root.Values.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  securityContext:
    {{- toYaml $root.Values.podSecurityContext | nindent 4 }}
  containers:
    - name: conveyor
      image: {{ include "conveyor.image" $root }}
      imagePullPolicy: {{ $root.Values.image.pullPolicy }}
      securityContext:
        {{- toYaml $root.Values.securityContext | nindent 8 }}
      env:
        - name: CONVEYOR_STAGES
          value: {{ .stages | quote }}
        {{- include "conveyor.serverEnv" $root | nindent 8 }}
      ports:
        - name: http
          containerPort: {{ $root.Values.web.port }}
        - name: management
          containerPort: {{ $root.Values.management.port }}
      readinessProbe:
        httpGet:
          path: /actuator/health/readiness
          port: management
        {{- toYaml $root.Values.probes.readiness | nindent 8 }}
      livenessProbe:
        httpGet:
          path: /actuator/health/liveness
          port: management
        {{- toYaml $root.Values.probes.liveness | nindent 8 }}
      resources:
        {{- toYaml .resources | nindent 8 }}
      volumeMounts:
        - name: config
          mountPath: /config
          readOnly: true
        - name: tmp
          mountPath: /tmp
        {{- include "conveyor.keyVaultMount" $root | nindent 8 }}
  volumes:
    - name: config
      configMap:
        name: {{ include "conveyor.fullname" $root }}
    - name: tmp
      emptyDir: {}
    {{- include "conveyor.keyVaultVolume" $root | nindent 4 }}
  {{- with $root.Values.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $root.Values.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $root.Values.affinity }}
  affinity:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end -}}
