#!/usr/bin/env bash
# Builds (if needed) and runs Tollgate's local runtime on http://127.0.0.1:8080.
# Data (DynamoDB Local files, the key ring) lives in ~/.tollgate unless TOLLGATE_LOCAL_DATA_DIR says otherwise.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -ntp -pl infra/local -am package -DskipTests
exec java ${JAVA_OPTS:-} -jar infra/local/target/quarkus-app/quarkus-run.jar "$@"
