#!/usr/bin/env bash
# Mints a development bearer token (HS256 JWT) that the silo accepts, signed with the key ./run.sh keeps in .data.
#
#   scripts/mint-token.sh --household <id>         a resident of that household (role resident)
#   scripts/mint-token.sh --role operator          an operator dashboard
#   options: --subject <sub> (default: dev-<role>[-<household>]), --hours <n> (default 12),
#            --key-file <path> (default .data/jwt-signing.key), --issuer <iss> (default metergrains),
#            --audience <aud> (default metergrains-api)
#
# Prints the token. Use it as `Authorization: Bearer <token>`, or `?access_token=<token>` on /hubs/live.
# The key may also come from Auth__Jwt__SigningKey (base64), as the silo reads it. Needs openssl.
set -euo pipefail
cd "$(dirname "$0")/.."

die() { echo "mint-token.sh: $*" >&2; exit 2; }
usage() { sed -n '4,8p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

role="" household="" subject="" hours=12 key_file=".data/jwt-signing.key" issuer="metergrains" audience="metergrains-api"
while [ $# -gt 0 ]; do
  case "$1" in -h|--help) usage ;; esac
  [ $# -ge 2 ] || die "$1 needs a value"
  case "$1" in
    --household) household="$2" ;;
    --role) role="$2" ;;
    --subject) subject="$2" ;;
    --hours) hours="$2" ;;
    --key-file) key_file="$2" ;;
    --issuer) issuer="$2" ;;
    --audience) audience="$2" ;;
    *) die "unknown argument '$1'" ;;
  esac
  shift 2
done

[ -n "$role" ] || role=$([ -n "$household" ] && echo resident || echo "")
case "$role" in
  operator|processor) ;;
  resident) [ -n "$household" ] || die "a resident needs --household" ;;
  "") usage ;;
  *) die "--role must be operator, processor or resident (is '$role')" ;;
esac
[[ "$hours" =~ ^[0-9]+$ ]] && [ "$hours" -gt 0 ] || die "--hours must be a whole number above 0"
[ -n "$subject" ] || subject="dev-$role${household:+-$household}"

if [ -n "${Auth__Jwt__SigningKey:-}" ]; then
  key_b64="$Auth__Jwt__SigningKey"
else
  [ -s "$key_file" ] || die "no signing key: $key_file is missing (./run.sh makes it) and Auth__Jwt__SigningKey is not set"
  key_b64="$(cat "$key_file")"
fi
key_hex="$(printf '%s' "$key_b64" | base64 -d | od -An -v -tx1 | tr -d ' \n')"
[ "${#key_hex}" -ge 64 ] || die "the signing key must be at least 32 bytes"

b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
# JSON strings: the values are ids and names; quotes and backslashes are escaped, control characters refused.
json_string() {
  [[ "$1" != *[[:cntrl:]]* ]] || die "values may not hold control characters"
  local s="${1//\\/\\\\}"
  printf '"%s"' "${s//\"/\\\"}"
}

now=$(date +%s)
payload="{\"iss\":$(json_string "$issuer"),\"aud\":$(json_string "$audience"),\"sub\":$(json_string "$subject"),\"role\":$(json_string "$role")"
[ -z "$household" ] || payload+=",\"household_id\":$(json_string "$household")"
payload+=",\"iat\":$now,\"nbf\":$now,\"exp\":$((now + hours * 3600))}"

signing_input="$(printf '%s' '{"alg":"HS256","typ":"JWT"}' | b64url).$(printf '%s' "$payload" | b64url)"
signature="$(printf '%s' "$signing_input" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$key_hex" -binary | b64url)"
echo "$signing_input.$signature"
