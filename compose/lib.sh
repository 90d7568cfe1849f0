# Helpers of the compose tests (compose/e2e-test.sh, compose/ha-test.sh), sourced by them: steps and their report,
# dockerd, the local base images made with debootstrap (for machines that can pull no image), health waits, and the
# guide's browser sign-in with curl. The sourcing script sets, before sourcing:
#   WORK (a scratch directory), CACHE, PREFIX (the containers' name prefix), NETWORK, SERVER_IMAGE,
#   LOCAL_DEBIAN, LOCAL_JAVA, LOCAL_POSTGRES,
# and defines cleanup (called by finish_and_exit, and through it on exit and on a signal).
DOCKERD_PID=""
IP_FORWARD_BEFORE=""
FORWARD_POLICY_BEFORE=""
passed=0
failed=0
skipped=0

# ---------------------------------------------------------------------------------------------------- report
log() { printf '%s\n' "$*"; }
ok() { passed=$((passed + 1)); printf 'ok    %s%s\n' "$1" "${2:+ ($2)}"; }
fail() { failed=$((failed + 1)); printf 'FAIL  %s\n' "$1"; [ $# -gt 1 ] && printf '      %s\n' "${@:2}"; return 0; }
skip() { skipped=$((skipped + 1)); printf 'SKIP  %s (%s)\n' "$1" "$2"; }
# step NAME CMD...: runs CMD with its output in $WORK/steps.log, and prints ok or FAIL.
step() {
  local name=$1 rc t=$SECONDS took=""
  shift
  printf '\n== %s\n' "$name" >>"$WORK/steps.log"
  "$@" >>"$WORK/steps.log" 2>&1
  rc=$?
  [ $((SECONDS - t)) -ge 5 ] && took="$((SECONDS - t))s"
  if [ $rc = 0 ]; then ok "$name" "$took"; else fail "$name" "exit status $rc; output in $WORK/steps.log"; fi
  return $rc
}
# must NAME CMD...: a step the rest depends on; on failure the run ends here.
must() { step "$@" || finish_and_exit; }

v1() { docker-compose "$@"; }
v2() { docker compose "$@"; }
hydra_cli() { docker run --rm -i --network "$NETWORK" "$SERVER_IMAGE" "$@"; }

collect_logs() {
  for c in $(docker ps -aq --filter "name=^${PREFIX}" 2>/dev/null); do
    docker logs "$c" >"$WORK/$(docker inspect -f '{{.Name}}' "$c" | tr -d /).log" 2>&1
  done
}
finish_and_exit() {
  exec 1>&3 2>&4  # the script's own output, also when a signal arrives during a step (whose output goes to the log)
  cleanup
  local total=$(( $(date +%s) - T0 ))
  log "$passed ok, $failed failed, $skipped skipped; total ${total}s"
  if [ "$failed" = 0 ]; then
    rm -rf "$WORK"
    exit 0
  fi
  log "logs: $WORK"
  exit 1
}

# ---------------------------------------------------------------------------------------------------- host
need_root() { [ "$(id -u)" = 0 ] || { echo "run as root (it installs packages and starts dockerd)"; return 1; }; }

install_packages() {
  local missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  command -v docker-compose >/dev/null || missing+=(docker-compose)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  command -v curl >/dev/null || missing+=(curl)
  command -v python3 >/dev/null || missing+=(python3)
  command -v iptables >/dev/null || missing+=(iptables)
  [ ${#missing[@]} = 0 ] && return 0
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
}

start_dockerd() {
  if docker info >/dev/null 2>&1; then
    echo "a Docker daemon is running already: using it, and leaving it running"
    return 0
  fi
  IP_FORWARD_BEFORE=$(sysctl -n net.ipv4.ip_forward)
  FORWARD_POLICY_BEFORE=$(iptables -S FORWARD 2>/dev/null | awk '$1 == "-P" {print $3; exit}')
  dockerd >"$WORK/dockerd.log" 2>&1 &
  DOCKERD_PID=$!
  echo "dockerd PID $DOCKERD_PID, log $WORK/dockerd.log"
  for _ in $(seq 1 120); do
    docker info >/dev/null 2>&1 && return 0
    kill -0 "$DOCKERD_PID" 2>/dev/null || { echo "dockerd exited"; tail -20 "$WORK/dockerd.log"; return 1; }
    sleep 0.5
  done
  return 1
}

# Stops the dockerd that start_dockerd started (none if one was running already), by its PID.
stop_dockerd() {
  [ -n "$DOCKERD_PID" ] || return 0
  kill -TERM "$DOCKERD_PID" 2>/dev/null
  for _ in $(seq 1 60); do kill -0 "$DOCKERD_PID" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$DOCKERD_PID" 2>/dev/null && kill -KILL "$DOCKERD_PID" 2>/dev/null
  # dockerd sets the FORWARD policy to DROP and turns forwarding on: put back what the host had.
  [ -n "$FORWARD_POLICY_BEFORE" ] && iptables -P FORWARD "$FORWARD_POLICY_BEFORE" 2>/dev/null
  [ -n "$IP_FORWARD_BEFORE" ] && sysctl -q -w net.ipv4.ip_forward="$IP_FORWARD_BEFORE" >/dev/null 2>&1
  DOCKERD_PID=""
}

# `docker compose` (v2 syntax) through a CLI plugin that runs docker-compose 1.29, unless it works already.
install_compose_v2_shim() {
  if docker compose version >/dev/null 2>&1; then
    docker compose version
    return 0
  fi
  local dir=${DOCKER_CONFIG:-$HOME/.docker}/cli-plugins
  mkdir -p "$dir"
  cat >"$dir/docker-compose" <<'EOF'
#!/bin/sh
# Docker CLI plugin: `docker compose ...` runs Debian's docker-compose 1.29 (compose v1), which has the same
# commands and flags for what this project uses. Installed by the compose tests (compose/lib.sh).
if [ "${1:-}" = docker-cli-plugin-metadata ]; then
  echo '{"SchemaVersion":"0.1.0","Vendor":"local","Version":"1.29.2","ShortDescription":"compose v1 shim"}'
  exit 0
fi
shift
exec /usr/bin/docker-compose "$@"
EOF
  chmod 755 "$dir/docker-compose"
  docker compose version
}

# remove_leftovers COMPOSE_FILE...: containers, the network and volumes left by an earlier run that did not finish.
remove_leftovers() {
  local ids file
  ids=$(docker ps -aq --filter "name=^${PREFIX}")
  [ -n "$ids" ] && docker rm -f $ids
  for file in "$@"; do v1 -f "$file" down -v --remove-orphans || return 1; done
  if docker network inspect "$NETWORK" >/dev/null 2>&1; then docker network rm "$NETWORK" || return 1; fi
  return 0
}

# ports_free PORT...: the ports are free on 127.0.0.1, waiting up to a minute for them (e.g. for a stack that is
# going down).
ports_free() {
  local port busy
  for _ in $(seq 1 60); do
    busy=""
    for port in "$@"; do
      (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && busy="$busy $port"
    done
    [ -z "$busy" ] && return 0
    sleep 1
  done
  echo "in use:$busy"
  ss -ltnp 2>/dev/null | grep -E ":($(IFS='|'; echo "$*"))\b"
  return 1
}
# ---------------------------------------------------------------------------------------------------- images
apt_mirror() {
  local m=""
  [ -f /etc/apt/sources.list.d/debian.sources ] \
    && m=$(awk '/^URIs:/ && $2 !~ /security/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources)
  [ -z "$m" ] && [ -f /etc/apt/sources.list ] \
    && m=$(awk '$1 == "deb" && $0 !~ /security/ {for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) {print $i; exit}}' /etc/apt/sources.list)
  echo "${m:-http://deb.debian.org/debian}"
}

# local/debian:bookworm: a minimal Debian root file system made with debootstrap, trimmed the way the slim Debian
# images are (no documentation, man pages or locales; apt keeps no package files or lists in the layers).
debian_base_image() {
  if docker image inspect "$LOCAL_DEBIAN" >/dev/null 2>&1; then
    echo "$LOCAL_DEBIAN exists"
    return 0
  fi
  local tarball=$CACHE/debian-bookworm-minbase.tar
  if [ ! -s "$tarball" ]; then
    local rootfs
    rootfs=$(mktemp -d -p "${TMPDIR:-/tmp}" rootfs.XXXXXX)
    if ! debootstrap --variant=minbase --include=ca-certificates bookworm "$rootfs" "$(apt_mirror)"; then
      rm -rf "$rootfs"
      return 1
    fi
    trim_rootfs "$rootfs"
    mkdir -p "$CACHE"
    tar --numeric-owner -C "$rootfs" -cf "$tarball.part" . && mv "$tarball.part" "$tarball"
    local rc=$?
    rm -rf "$rootfs" "$tarball.part"
    [ $rc = 0 ] || return 1
  fi
  docker import --change 'ENV LANG=C.UTF-8' --change 'CMD ["bash"]' "$tarball" "$LOCAL_DEBIAN"
}

trim_rootfs() {
  local r=$1
  cat >"$r/etc/dpkg/dpkg.cfg.d/docker-slim" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
EOF
  cat >"$r/etc/apt/apt.conf.d/docker-clean" <<'EOF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
EOF
  cat >"$r/etc/apt/apt.conf.d/docker-no-languages" <<'EOF'
Acquire::Languages "none";
EOF
  # The host's package sources (main, updates and security), which are known to work from here.
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    cp /etc/apt/sources.list.d/debian.sources "$r/etc/apt/sources.list.d/debian.sources"
    rm -f "$r/etc/apt/sources.list"
  fi
  find "$r/usr/share/doc" -mindepth 1 ! -type d ! -name copyright -delete 2>/dev/null
  find "$r/usr/share/doc" -mindepth 1 -type d -empty -delete 2>/dev/null
  rm -rf "$r"/usr/share/man/* "$r"/usr/share/info/* "$r"/var/cache/apt/archives/*.deb "$r"/var/cache/apt/*.bin \
    "$r"/var/lib/apt/lists/* "$r"/var/log/apt/* "$r"/var/log/dpkg.log "$r"/var/log/bootstrap.log "$r"/tmp/*
  find "$r/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} + 2>/dev/null
  return 0
}

# local/debian-java:17 (stands in for eclipse-temurin:17-jre) and local/postgres:15 (for postgres:16).
local_images() {
  debian_base_image || return 1
  docker build -q -t "$LOCAL_JAVA" --build-arg "BASE_IMAGE=$LOCAL_DEBIAN" -f docker/debian-java.Dockerfile docker \
    || return 1
  docker build -q -t "$LOCAL_POSTGRES" --build-arg "BASE_IMAGE=$LOCAL_DEBIAN" -f docker/postgres.Dockerfile docker
}

jars() {
  if [ -f hydra-cli/target/hydra.jar ] && [ -f login-consent-app/target/login-consent.jar ]; then
    echo "jars exist"
    return 0
  fi
  mvn -B -q -DskipTests package
}

# ---------------------------------------------------------------------------------------------------- stack
# health CONTAINER: healthy, unhealthy, starting, none, or missing.
health() {
  docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}' "$1" 2>/dev/null || echo missing
}
# wait_healthy SECONDS CONTAINER...: until each container is healthy; prints when each was, counted from t_up.
wait_healthy() {
  local deadline=$(( $(date +%s) + $1 )) c s
  shift
  for c in "$@"; do
    while :; do
      s=$(health "$c")
      [ "$s" = healthy ] && break
      if [ "$(date +%s)" -ge "$deadline" ]; then echo "$c is $s"; return 1; fi
      sleep 0.5
    done
    echo "$c healthy $(( $(date +%s) - ${t_up:-$(date +%s)} ))s after up"
  done
}
migrate_succeeded() {
  [ "$(docker inspect -f '{{.State.Status}} {{.State.ExitCode}}' "${PREFIX}migrate" 2>/dev/null)" = "exited 0" ]
}
guide_health_check() {
  local body
  body=$(curl -fsS --max-time 5 http://127.0.0.1:9000/health/ready) && [ "$body" = '{"status":"ok"}' ] \
    && curl -fsS --max-time 5 -o /dev/null http://127.0.0.1:9001/health/ready
}

# ---------------------------------------------------------------------------------------------------- checks
json_check() { # json_check 'python expression over d' JSON
  python3 -c 'import json, sys; d = json.loads(sys.argv[2]); assert eval(sys.argv[1]), d' "$1" "$2"
}
is_opaque_token() { printf '%s' "$1" | grep -Eq '^[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}$'; }

# A tiny HTML reader for the curl walk: `page_reader.py form FILE BUTTON` prints the form that holds the submit button
# labelled BUTTON as `action<TAB>method` and then its hidden fields as `name<TAB>value` (HTML-unescaped);
# `page_reader.py link FILE TEXT` prints the href of the link with that text; `page_reader.py code FILE ID` the text of <code id=ID>.
cat >"$WORK/page_reader.py" <<'EOF'
import sys
from html.parser import HTMLParser

class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self.links, self.codes = [], [], {}
        self._form = self._link = self._code = None
    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            self._form = {"action": a.get("action", ""), "method": a.get("method", "get").lower(),
                          "hidden": [], "buttons": []}
            self.forms.append(self._form)
        elif tag == "input" and self._form is not None:
            kind = a.get("type", "text").lower()
            if kind == "hidden":
                self._form["hidden"].append((a.get("name", ""), a.get("value", "")))
            elif kind == "submit":
                self._form["buttons"].append(a.get("value", ""))
        elif tag == "button" and self._form is not None:
            self._form["buttons"].append(a.get("value", ""))
        elif tag == "a":
            self._link = [a.get("href", ""), ""]
            self.links.append(self._link)
        elif tag == "code" and a.get("id"):
            self._code = a["id"]
            self.codes[self._code] = ""
    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "a":
            self._link = None
        elif tag == "code":
            self._code = None
    def handle_data(self, data):
        if self._link is not None:
            self._link[1] += data
        if self._code is not None:
            self.codes[self._code] += data

kind, path, key = sys.argv[1:4]
page = Page()
page.feed(open(path, encoding="utf-8", errors="replace").read())
if kind == "form":
    for form in page.forms:
        if key in form["buttons"]:
            print(form["action"] + "\t" + form["method"])
            for name, value in form["hidden"]:
                print(name + "\t" + value)
            sys.exit(0)
    sys.exit("no form with a button " + repr(key))
elif kind == "link":
    for href, text in page.links:
        if text.strip() == key:
            print(href)
            sys.exit(0)
    sys.exit("no link " + repr(key))
elif kind == "code":
    if key in page.codes and page.codes[key].strip():
        print(page.codes[key].strip())
        sys.exit(0)
    sys.exit("no <code id=%r>" % key)
EOF
html() { python3 "$WORK/page_reader.py" "$@"; }
urljoin() { python3 -c 'import sys, urllib.parse; print(urllib.parse.urljoin(sys.argv[1], sys.argv[2]))' "$1" "$2"; }

# fetch URL [curl args...]: one request with the cookie jar, no redirects followed. Sets STATUS, LOCATION and
# URL; the body is in $WORK/page.html.
fetch() {
  URL=$1
  shift
  local out
  out=$(curl -sS --max-time 20 -b "$WORK/cookies" -c "$WORK/cookies" -o "$WORK/page.html" \
    -w '%{http_code} %{redirect_url}' "$@" "$URL") || return 1
  STATUS=${out%% *}
  LOCATION=${out#* }
  echo "$STATUS $URL${LOCATION:+ -> $LOCATION}"
}
# follow_until PREFIX: follows redirects from the last response until the page at an URL starting with PREFIX.
follow_until() {
  local hops=0
  while [ "${STATUS:0:1}" = 3 ] && [ -n "$LOCATION" ]; do
    hops=$((hops + 1))
    [ $hops -gt 10 ] && { echo "too many redirects"; return 1; }
    fetch "$LOCATION" || return 1
  done
  [ "$STATUS" = 200 ] && [ "${URL#"$1"}" != "$URL" ] || { echo "expected a page at $1..., got $STATUS at $URL"; return 1; }
}
# submit_form BUTTON FIELD=VALUE...: posts the form of the current page that has BUTTON, with its hidden fields
# (e.g. _csrf and the challenge), the given fields and submit=BUTTON.
submit_form() {
  local button=$1 action method form name value args=()
  shift
  form=$(html form "$WORK/page.html" "$button") || return 1
  IFS=$'\t' read -r action method <<<"$(head -n 1 <<<"$form")"
  [ "$method" = post ] || { echo "the form's method is $method"; return 1; }
  while IFS=$'\t' read -r name value; do
    [ -n "$name" ] && args+=(--data-urlencode "$name=$value")
  done < <(tail -n +2 <<<"$form")
  for field in "$@"; do args+=(--data-urlencode "$field"); done
  args+=(--data-urlencode "submit=$button")
  fetch "$(urljoin "$URL" "${action:-$URL}")" "${args[@]}"
}

# The browser sign-in of the guide, with curl instead of a browser: the consumer app that `token user` serves on
# 9010, the authorization endpoint on 9000, the login and consent pages on 9020, and back to the callback, whose
# page must show the tokens. Leaves the tokens in USER_ACCESS_TOKEN, USER_REFRESH_TOKEN and USER_ID_TOKEN.
# (A browser-driven replacement only has to keep that contract.)
browser_sign_in() {
  rm -f "$WORK/cookies"
  fetch http://127.0.0.1:9010/ && [ "$STATUS" = 200 ] || { echo "no consumer home page"; return 1; }
  local authorize
  authorize=$(html link "$WORK/page.html" "Authorize application") || return 1
  fetch "$(urljoin "$URL" "$authorize")" || return 1
  case "$LOCATION" in
    http://127.0.0.1:9020/login\?*login_challenge=*) ;;
    *) echo "expected a redirect to the login page, got $STATUS to $LOCATION"; return 1 ;;
  esac
  follow_until http://127.0.0.1:9020/login || return 1
  submit_form "Log in" email=foo@bar.com password=foobar || return 1
  [ "${STATUS:0:1}" = 3 ] || { echo "login was not accepted"; return 1; }
  follow_until http://127.0.0.1:9020/consent || return 1
  submit_form "Allow access" grant_scope=openid grant_scope=offline || return 1
  [ "${STATUS:0:1}" = 3 ] || { echo "consent was not accepted"; return 1; }
  follow_until http://127.0.0.1:9010/callback || return 1
  cp "$WORK/page.html" "$WORK/callback.html"
  USER_ACCESS_TOKEN=$(html code "$WORK/page.html" access-token) || return 1
  USER_REFRESH_TOKEN=$(html code "$WORK/page.html" refresh-token) || return 1
  USER_ID_TOKEN=$(html code "$WORK/page.html" id-token) || return 1
  grep -q 'id="id-token-error"' "$WORK/page.html" && { echo "the consumer rejected the ID token"; return 1; }
  is_opaque_token "$USER_ACCESS_TOKEN" || { echo "access token: $USER_ACCESS_TOKEN"; return 1; }
  is_opaque_token "$USER_REFRESH_TOKEN" || { echo "refresh token: $USER_REFRESH_TOKEN"; return 1; }
  printf '%s' "$USER_ID_TOKEN" | grep -Eq '^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$' \
    || { echo "ID token: $USER_ID_TOKEN"; return 1; }
}

token_user_available() {
  local help
  help=$(docker run --rm "$SERVER_IMAGE" token user --help 2>&1) || { echo "$help" | tail -3; return 1; }
  grep -q -- '--auth-url' <<<"$help"
}
# The guide's `token user` command, detached (-d) and named for the clean-up; the rest as the guide writes it.
start_token_user() {
  docker run -d --rm --name "$TOKEN_USER_CONTAINER" \
    --network hydraguide \
    -p 9010:9010 \
    "$SERVER_IMAGE" \
    token user \
    --port 9010 \
    --auth-url http://127.0.0.1:9000/oauth2/auth \
    --token-url http://ory-hydra-example--hydra:4444/oauth2/token \
    --client-id another-consumer \
    --client-secret consumer-secret \
    --scope openid,offline \
    --redirect http://127.0.0.1:9010/callback || return 1
  wait_for_port_page http://127.0.0.1:9010/ 60
}
wait_for_port_page() { # URL SECONDS
  for _ in $(seq 1 $(( $2 * 4 ))); do curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null && return 0; sleep 0.25; done
  return 1
}

# The guide's second half, through whatever answers as ory-hydra-example--hydra on the guide's network: an
# authorization-code client, `token user` on 9010, the sign-in through the published ports (login foo@bar.com,
# consent), and the introspection of the user's token. $1 names the sign-in step.
guide_sign_in() {
  local label=$1 why
  step "clients create another-consumer (authorization code)" hydra_cli clients create \
    --endpoint http://ory-hydra-example--hydra:4445 \
    --id another-consumer \
    --secret consumer-secret \
    -g authorization_code,refresh_token \
    -r token,code,id_token \
    --scope openid,offline \
    --callbacks http://127.0.0.1:9010/callback

  if why=$(token_user_available); then
    step "token user serves the consumer on 127.0.0.1:9010" start_token_user
    if step "$label" browser_sign_in; then
      USER_INTROSPECTION=$(hydra_cli token introspect --endpoint http://ory-hydra-example--hydra:4445 \
        "$USER_ACCESS_TOKEN" 2>>"$WORK/steps.log")
      step "token introspect of the user's token: subject foo@bar.com, scope openid offline" json_check \
        'd["active"] is True and d["sub"] == "foo@bar.com" and d["client_id"] == "another-consumer" and sorted(d["scope"].split()) == ["offline", "openid"]' \
        "$USER_INTROSPECTION"
    fi
    docker logs "$TOKEN_USER_CONTAINER" >"$WORK/token-user.log" 2>&1
    docker rm -f "$TOKEN_USER_CONTAINER" >/dev/null 2>&1
  else
    skip "token user and the browser sign-in" "token user is not available in this build: ${why:-no --auth-url flag}"
  fi
}

# The guide's client credentials steps, through CLI containers on the guide's network: clients create, token
# client, token introspect. $1 names the first step.
guide_client_credentials() {
  local label=$1
  step "$label" hydra_cli clients create \
    --endpoint http://ory-hydra-example--hydra:4445 \
    --id some-consumer \
    --secret some-secret \
    --grant-types client_credentials \
    --response-types token,code
  TOKEN=$(hydra_cli token client \
    --client-id some-consumer \
    --client-secret some-secret \
    --endpoint http://ory-hydra-example--hydra:4444 2>>"$WORK/steps.log")
  if is_opaque_token "$TOKEN"; then ok "token client prints an access token"; else fail "token client prints an access token" "got: $TOKEN"; fi
  INTROSPECTION=$(hydra_cli token introspect \
    --client-id some-consumer \
    --client-secret some-secret \
    --endpoint http://ory-hydra-example--hydra:4445 \
    "$TOKEN" 2>>"$WORK/steps.log")
  step "token introspect: active, client some-consumer, iss http://127.0.0.1:9000/" json_check \
    'd["active"] is True and d["client_id"] == "some-consumer" and d["iss"] == "http://127.0.0.1:9000/" and d["exp"] > d["iat"]' \
    "$INTROSPECTION"
}
