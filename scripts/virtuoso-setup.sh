#!/usr/bin/env bash
# Prepare a Virtuoso 7 server for lodpub (see docs/backends.md):
#  - a SQL user (default "lodpub") allowed SPARQL updates, for /sparql-auth and /sparql-graph-crud-auth;
#  - every graph that is not a lodpub record graph (Virtuoso's own system graphs on a fresh server) made
#    private, so SPARQL users see only lodpub's graphs and the default graph is the union of the records.
# Run it once on a server dedicated to lodpub (running it again is harmless: it resets the password).
#
#   VIRTUOSO_DBA_PASSWORD=... LODPUB_STORE_PASSWORD=... scripts/virtuoso-setup.sh [HOST:SQLPORT]
#
# HOST:SQLPORT is Virtuoso's SQL port (ServerPort in [Parameters] of virtuoso.ini), default localhost:1111.
set -euo pipefail
isql="$(command -v isql-vt || command -v isql || true)"
if [ -z "$isql" ]; then
  echo "virtuoso-setup: isql-vt not found (Debian: apt-get install virtuoso-opensource)" >&2
  exit 2
fi
server="${1:-localhost:1111}"
user="${LODPUB_STORE_USER:-lodpub}"
: "${VIRTUOSO_DBA_PASSWORD:?set VIRTUOSO_DBA_PASSWORD to the dba password}"
: "${LODPUB_STORE_PASSWORD:?set LODPUB_STORE_PASSWORD to the password lodpub will use}"
case "$user$LODPUB_STORE_PASSWORD" in *"'"*) echo "virtuoso-setup: no quotes in user or password" >&2; exit 2;; esac

sql="$(mktemp)"
trap 'rm -f "$sql"' EXIT
cat >"$sql" <<SQL
create procedure DB.DBA.LODPUB_SETUP (in uname varchar, in pwd varchar)
{
  if (exists (select 1 from DB.DBA.SYS_USERS where U_NAME = uname))
    DB.DBA.USER_PASSWORD_SET (uname, pwd);
  else
    DB.DBA.USER_CREATE (uname, pwd);
  exec (sprintf ('GRANT SPARQL_UPDATE TO "%s"', uname));
  DB.DBA.RDF_GRAPH_GROUP_CREATE ('http://www.openlinksw.com/schemas/virtrdf#PrivateGraphs', 1);
  for (sparql select distinct ?g where { graph ?g { ?s ?p ?o }
         filter not exists { graph ?g { ?g a <https://w3id.org/lodpub/ns#SourceRecord> } } }) do
    {
      DB.DBA.RDF_GRAPH_GROUP_INS ('http://www.openlinksw.com/schemas/virtrdf#PrivateGraphs', id_to_iri ("g"));
    }
  DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 0, 1);
  DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 1);
  DB.DBA.RDF_DEFAULT_USER_PERMS_SET (uname, 0, 1);
  DB.DBA.RDF_DEFAULT_USER_PERMS_SET (uname, 3);
}
;
DB.DBA.LODPUB_SETUP ('$user', '$LODPUB_STORE_PASSWORD');
DROP PROCEDURE DB.DBA.LODPUB_SETUP;
SQL
out="$("$isql" "$server" dba "$VIRTUOSO_DBA_PASSWORD" "$sql" 2>&1)" || { echo "$out" >&2; exit 1; }
if grep -q '\*\*\* Error' <<<"$out"; then
  echo "$out" >&2
  exit 1
fi
echo "virtuoso-setup: user $user can update; non-lodpub graphs are private on $server" >&2
