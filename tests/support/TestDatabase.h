#pragma once

#include "TestCluster.h"

#include <string>

namespace caredesk::test {

// A fresh empty database for one test case, in the process's TestCluster.
// Throws (see TestCluster) when PostgreSQL cannot be started.
class TestDatabase {
public:
    TestDatabase()
        : m_connectionString(create()) {}
    // The connection string of another fresh database.
    static std::string create() { return TestCluster::instance().createDatabase(); }

    const std::string &connectionString() const { return m_connectionString; }

private:
    std::string m_connectionString;
};

} // namespace caredesk::test
