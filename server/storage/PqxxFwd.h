#pragma once

// libpqxx 6 ships no forward-declaration header. pqxx::transaction_base and
// pqxx::connection_base are declared in types.hxx, but pqxx::work is an alias of
// a template with default arguments, so headers that name it include this.
#include <pqxx/transaction>
#include <pqxx/types.hxx>
