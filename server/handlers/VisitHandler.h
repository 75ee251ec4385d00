#pragma once

#include "handlers/RouteTable.h"

#include <string>

namespace caredesk::domain {
class TimeZoneDatabase;
}

namespace caredesk::server {

class DatabasePool;
class PatientPresence;
class QueueFeed;

// Visits and queues: the patient's intake, resume and cancel; the caregivers'
// queue board subscription and scheduling actions. Rules live in
// domain/ (intake, lifecycle) and scheduling/ (VisitScheduler); this class
// maps messages to them, announces every change to the queue feed and replies.
class VisitHandler {
public:
    VisitHandler(DatabasePool &database, QueueFeed &feed, PatientPresence &presence,
                 const domain::TimeZoneDatabase &zones);

    void registerRoutes(RouteTable &routes);

private:
    void listStates(const std::shared_ptr<Request> &request);
    void requestVisit(const std::shared_ptr<Request> &request, const protocol::VisitRequest &form);
    void resumeVisit(const std::shared_ptr<Request> &request, const protocol::VisitResume &resume);
    void cancelVisit(const std::shared_ptr<Request> &request);

    DatabasePool &m_database;
    QueueFeed &m_feed;
    PatientPresence &m_presence;
    const domain::TimeZoneDatabase &m_zones;
};

} // namespace caredesk::server
