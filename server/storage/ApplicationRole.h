#pragma once

#include "storage/PqxxFwd.h"

#include <string>

namespace caredesk::server {

// The database role the server's runtime connections use (migration 0011):
// no UPDATE, DELETE or TRUNCATE on the append-only tables, no schema changes.
inline constexpr const char *kApplicationRole = "caredesk_app";

// For a cluster the server runs itself (and the tests' clusters): lets the
// role log in over the private socket and returns the connection string for
// it, made from the owner's key=value connection string. Needs a superuser
// (or CREATEROLE) connection; call after migrating.
std::string applicationConnectionString(pqxx::connection_base &owner,
                                        const std::string &ownerConnectionString);

} // namespace caredesk::server
