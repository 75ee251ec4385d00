#include "storage/ApplicationRole.h"

#include <pqxx/pqxx>

#include <stdexcept>

namespace caredesk::server {

std::string applicationConnectionString(pqxx::connection_base &owner,
                                        const std::string &ownerConnectionString) {
    if (ownerConnectionString.find("://") != std::string::npos)
        throw std::invalid_argument("expected a key=value connection string, not a URL");
    pqxx::work tx(owner);
    tx.exec0(std::string("ALTER ROLE ") + kApplicationRole + " LOGIN");
    tx.commit();
    // In a key=value string the last value of a keyword wins.
    return ownerConnectionString + " user=" + kApplicationRole;
}

} // namespace caredesk::server
