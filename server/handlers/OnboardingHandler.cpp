#include "handlers/OnboardingHandler.h"

#include "onboarding/AccountAdmin.h"
#include "onboarding/CaregiverImport.h"
#include "onboarding/LicenseAdmin.h"
#include "storage/CaregiverRepository.h"
#include "storage/DatabasePool.h"
#include "storage/LicenseRepository.h"

#include <pqxx/pqxx>

namespace caredesk::server {

namespace {

constexpr domain::RoleSet kAdmins{domain::Role::Admin};

AdminActor actorOf(Request &request) {
    return {request.identity().caregiver.id, request.connection().remoteAddress()};
}

protocol::CaregiverList one(protocol::CaregiverAccount account) {
    protocol::CaregiverList list;
    list.caregivers.push_back(std::move(account));
    return list;
}

} // namespace

OnboardingHandler::OnboardingHandler(OnboardingOptions options)
    : m_options(options) {}

void OnboardingHandler::registerRoutes(RouteTable &routes) {
    routes.authenticated<protocol::ListCaregivers>(
        kAdmins, [](pqxx::work &tx, Request &request, const protocol::ListCaregivers &m) {
            protocol::CaregiverList list;
            list.caregivers = CaregiverRepository::accounts(tx, m.includeInactive);
            request.stageReply(list);
        });
    routes.authenticated<protocol::CreateCaregiver>(
        kAdmins, [this](pqxx::work &tx, Request &request, const protocol::CreateCaregiver &m) {
            request.stageReply(AccountAdmin::create(tx, actorOf(request), m.username, m.profile,
                                                    m_options.inviteValidity));
        });
    routes.authenticated<protocol::UpdateCaregiver>(
        kAdmins, [](pqxx::work &tx, Request &request, const protocol::UpdateCaregiver &m) {
            request.stageReply(
                one(AccountAdmin::update(tx, actorOf(request), m.id, m.expectedVersion, m.profile)));
        });
    routes.authenticated<protocol::SetCaregiverActive>(
        kAdmins, [](pqxx::work &tx, Request &request, const protocol::SetCaregiverActive &m) {
            request.stageReply(one(AccountAdmin::setActive(tx, actorOf(request), m.id, m.active)));
        });
    routes.authenticated<protocol::ResetCaregiverAccess>(
        kAdmins, [this](pqxx::work &tx, Request &request, const protocol::ResetCaregiverAccess &m) {
            request.stageReply(
                AccountAdmin::resetAccess(tx, actorOf(request), m.id, m_options.inviteValidity));
        });
    routes.authenticated<protocol::ListLicenses>(
        {domain::Role::Admin, domain::Role::Provider},
        [this](pqxx::work &tx, Request &request, const protocol::ListLicenses &m) {
            const auto &me = request.identity().caregiver;
            const bool admin = me.roles.has(domain::Role::Admin);
            if (!admin && m.caregiverId && *m.caregiverId != me.id)
                throw RequestError{{protocol::ErrorCode::Forbidden,
                                    "providers see their own licenses only; admins see everyone's",
                                    "body.caregiverId",
                                    {}}};
            protocol::LicenseList list;
            list.warnWithinDays = m_options.licenseWarningDays;
            list.licenses =
                LicenseRepository::list(tx, admin ? m.caregiverId : me.id, m.state);
            if (admin && !m.caregiverId && !m.state)
                list.providersWithoutLicense = LicenseRepository::providersWithoutLicense(tx);
            request.stageReply(list);
        });
    routes.authenticated<protocol::SaveLicense>(
        kAdmins, [this](pqxx::work &tx, Request &request, const protocol::SaveLicense &m) {
            protocol::LicenseList list;
            list.warnWithinDays = m_options.licenseWarningDays;
            list.licenses.push_back(LicenseAdmin::save(tx, actorOf(request), m));
            request.stageReply(list);
        });
    routes.authenticated<protocol::ImportCaregivers>(
        kAdmins, [this](pqxx::work &tx, Request &request, const protocol::ImportCaregivers &m) {
            CaregiverImport::Options options;
            options.apply = m.apply;
            options.inviteValidity = m_options.inviteValidity;
            request.stageReply(CaregiverImport::run(tx, actorOf(request), m.csv, options));
        });
}

} // namespace caredesk::server
