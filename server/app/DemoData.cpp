#include "app/DemoData.h"

#include "security/PasswordHasher.h"
#include "storage/CaregiverRepository.h"

#include <pqxx/pqxx>

namespace caredesk::server {

namespace {
struct DemoState {
    const char *code;
    const char *status;
    const char *opens;
    const char *closes;
};

// Hours in each state's local time; TX runs overnight to show ranges past midnight.
constexpr DemoState kStates[] = {
    {"WA", "open", "07:00", "22:00"}, {"OR", "open", "07:00", "22:00"},
    {"CA", "busy", "06:00", "23:00"}, {"AZ", "open", "08:00", "20:00"},
    {"TX", "open", "18:00", "06:00"}, {"NY", "closed", "08:00", "20:00"},
};

struct DemoCaregiver {
    const char *username;
    const char *displayName;
    domain::RoleSet roles;
    std::vector<std::pair<const char *, const char *>> licenses; // state, expires_on
};

const std::vector<DemoCaregiver> &caregivers() {
    static const std::vector<DemoCaregiver> list = {
        {"admin", "Alex Morgan", {domain::Role::Admin, domain::Role::Support}, {}},
        {"sam", "Sam Rivera", {domain::Role::Support}, {}},
        {"jordan", "Jordan Lee", {domain::Role::Support}, {}},
        {"dr.chen", "Dr. Mei Chen", {domain::Role::Provider},
         {{"WA", "2028-06-30"}, {"OR", "2028-06-30"}, {"CA", "2027-12-31"}}},
        {"dr.okafor", "Dr. Chidi Okafor", {domain::Role::Provider},
         {{"TX", "2028-03-31"}, {"AZ", "2027-09-30"}, {"NY", "2024-01-31"}}},
        {"np.garcia", "Lucia Garcia, NP", {domain::Role::Provider, domain::Role::Support},
         {{"CA", "2028-01-31"}, {"AZ", "2028-01-31"}}},
    };
    return list;
}

struct DemoCannedResponse {
    const char *shortcut;
    const char *title;
    const char *body;
};

constexpr DemoCannedResponse kCannedResponses[] = {
    {"welcome", "Welcome",
     "Hi {firstName}, thanks for waiting. I'm {myName} from the care team; I'll keep you posted "
     "while you wait for a provider. Feel free to tell me what brings you in today."},
    {"wait", "Wait update",
     "Thanks for your patience, {firstName}. Your estimated wait is now {wait}. Please keep this "
     "page open: it will tell you when your provider is ready."},
    {"state", "Confirm location",
     "Just to confirm, {firstName}: are you in {state} right now? Providers can only see you in "
     "the state where you are at the time of the visit."},
    {"video-tips", "Video tips",
     "A few tips for your video visit: find a quiet, well-lit spot, use Wi-Fi if you can, and "
     "allow this page to use your camera and microphone when your browser asks."},
    {"closing", "Closing",
     "Thank you for choosing us today, {firstName}. If anything changes before your visit, just "
     "send a message here. Take care!"},
};
} // namespace

std::vector<DemoAccount> DemoData::seed(pqxx::transaction_base &tx, const PasswordHasher &hasher,
                                        const std::string &password) {
    for (const auto &state : kStates) {
        tx.exec_params0("UPDATE jurisdictions SET enabled = true, status = $2, updated_at = now() "
                        "WHERE code = $1 AND NOT enabled",
                        state.code, state.status);
        for (int weekday = 0; weekday < 7; ++weekday)
            tx.exec_params0("INSERT INTO jurisdiction_hours (jurisdiction_code, weekday, "
                            "                                opens_at, closes_at) "
                            "SELECT $1, $2, $3::time, $4::time WHERE NOT EXISTS ("
                            "  SELECT 1 FROM jurisdiction_hours WHERE jurisdiction_code = $1 "
                            "  AND weekday = $2)",
                            state.code, weekday, state.opens, state.closes);
    }

    std::vector<DemoAccount> accounts;
    std::string hash;
    for (const auto &demo : caregivers()) {
        auto existing = CaregiverRepository::findByUsername(tx, demo.username);
        std::int64_t id = 0;
        if (existing) {
            id = existing->summary.id;
        } else {
            if (hash.empty())
                hash = hasher.hash(password);
            id = CaregiverRepository::create(tx, demo.username, demo.displayName, hash,
                                             demo.roles);
        }
        for (const auto &[state, expires] : demo.licenses)
            tx.exec_params0(
                "INSERT INTO licenses (caregiver_id, jurisdiction_code, license_number, "
                "                      expires_on, verified_at) "
                "VALUES ($1, $2, $3, $4::date, now()) ON CONFLICT DO NOTHING",
                id, state, std::string(state) + "-" + std::to_string(100000 + id * 7919 % 900000),
                expires);
        accounts.push_back({demo.username, demo.displayName,
                            CaregiverRepository::rolesToSql(demo.roles)});
    }

    const auto admin = CaregiverRepository::findByUsername(tx, "admin");
    for (const auto &canned : kCannedResponses)
        tx.exec_params0("INSERT INTO canned_responses (shortcut, title, body, created_by, "
                        "                              updated_by) "
                        "VALUES ($1, $2, $3, $4, $4) ON CONFLICT (shortcut) DO NOTHING",
                        canned.shortcut, canned.title, canned.body, admin->summary.id);
    return accounts;
}

} // namespace caredesk::server
