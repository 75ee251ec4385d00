#include "net/AccountChannel.h"

#include "net/ProtocolReplies.h"
#include "net/ServerConnection.h"
#include "state/ProtocolText.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcAccounts, "caredesk.accounts", QtInfoMsg)

namespace caredesk::console {

namespace {

QStringList rolesOf(const domain::RoleSet &roles) {
    QStringList names;
    for (const auto &name : roles.names())
        names.append(fromStd(name));
    return names;
}

domain::RoleSet roleSetOf(const QStringList &roles) {
    domain::RoleSet set;
    for (const QString &role : roles) {
        if (const auto known = domain::roleFromName(role.toStdString()))
            set.add(*known);
    }
    return set;
}

CaregiverAccountRow rowOf(const protocol::CaregiverAccount &account) {
    CaregiverAccountRow row;
    row.id = account.id;
    row.username = fromStd(account.username);
    row.displayName = fromStd(account.displayName);
    row.roles = rolesOf(account.roles);
    row.active = account.active;
    row.email = fromStd(account.email);
    row.phone = fromStd(account.phone);
    row.accountStatus = fromStd(account.accountStatus);
    row.inviteExpiresAtMs = account.inviteExpiresAt;
    row.createdAtMs = account.createdAt;
    row.lastSignInAtMs = account.lastSignInAt;
    row.version = account.version;
    return row;
}

protocol::CaregiverProfile profileOf(const CaregiverProfileDraft &draft) {
    return {draft.displayName.toStdString(), roleSetOf(draft.roles), draft.email.toStdString(),
            draft.phone.toStdString()};
}

QDate dateOf(const std::string &text) {
    return QDate::fromString(fromStd(text), Qt::ISODate);
}

LicenseRow rowOf(const protocol::License &license) {
    LicenseRow row;
    row.id = license.id;
    row.caregiverId = license.caregiverId;
    row.caregiverName = fromStd(license.caregiverName);
    row.state = fromStd(license.state);
    row.number = fromStd(license.number);
    row.type = fromStd(license.type);
    if (license.issuedOn)
        row.issuedOn = dateOf(*license.issuedOn);
    row.expiresOn = dateOf(license.expiresOn);
    row.status = fromStd(license.status);
    row.reviewedBy = fromStd(license.reviewedBy.value_or(std::string()));
    row.reviewedAtMs = license.reviewedAt;
    row.reviewNote = fromStd(license.reviewNote);
    row.inForce = license.inForce;
    row.version = license.version;
    return row;
}

LicenseListing listingOf(const protocol::LicenseList &list) {
    LicenseListing listing;
    listing.warnWithinDays = static_cast<int>(list.warnWithinDays);
    for (const auto &license : list.licenses)
        listing.licenses.append(rowOf(license));
    for (const auto &provider : list.providersWithoutLicense)
        listing.providersWithoutLicense.append({provider.id, fromStd(provider.displayName)});
    return listing;
}

ImportOutcome outcomeOf(const protocol::ImportReport &report, bool applyRequested) {
    ImportOutcome outcome;
    outcome.applyRequested = applyRequested;
    outcome.applied = report.applied;
    for (const auto &line : report.lines)
        outcome.lines.append({line.line, fromStd(line.username), fromStd(line.caregiver),
                              fromStd(line.license), fromStd(line.error)});
    outcome.errors = report.errors;
    outcome.caregiversCreated = report.caregiversCreated;
    outcome.caregiversUpdated = report.caregiversUpdated;
    outcome.licensesCreated = report.licensesCreated;
    outcome.licensesUpdated = report.licensesUpdated;
    outcome.unchanged = report.unchanged;
    for (const auto &invite : report.invites)
        outcome.invitations.append({fromStd(invite.username), fromStd(invite.displayName),
                                    fromStd(invite.inviteToken), invite.inviteExpiresAt});
    return outcome;
}

// The reply decoded as T, or the failure to report.
template <class T>
protocol::Result<T> decoded(const protocol::Result<protocol::Envelope> &reply) {
    auto result = replyAs<T>(reply);
    if (!result && reply)
        qCWarning(lcAccounts) << "unreadable reply:" << fromStd(result.error().message);
    return result;
}

// Update and (de)activation both answer caregiver_list with the one account.
ServerConnection::ReplyHandler savedCaregiverHandler(AccountChannel *channel,
                                                     CaregiverRequest request, qint64 id) {
    return [channel, request, id](const protocol::Result<protocol::Envelope> &reply) {
        auto list = decoded<protocol::CaregiverList>(reply);
        if (list && list->caregivers.empty())
            list = protocol::Error{protocol::ErrorCode::MissingField,
                                   "the server's answer named no caregiver",
                                   {},
                                   {}};
        if (!list) {
            emit channel->caregiverFailed(request, id, failureOf(list.error()));
            return;
        }
        emit channel->caregiverSaved(rowOf(list->caregivers.front()));
    };
}

} // namespace

AccountChannel::AccountChannel(ServerConnection &connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection) {
    qRegisterMetaType<RequestFailure>();
    qRegisterMetaType<CaregiverAccountRow>();
    qRegisterMetaType<QList<CaregiverAccountRow>>();
    qRegisterMetaType<CaregiverProfileDraft>();
    qRegisterMetaType<CaregiverInvitation>();
    qRegisterMetaType<CaregiverRequest>();
    qRegisterMetaType<LicenseRow>();
    qRegisterMetaType<LicenseListing>();
    qRegisterMetaType<LicenseDraft>();
    qRegisterMetaType<ImportOutcome>();
}

void AccountChannel::listCaregivers() {
    const quint64 listing = ++m_caregiverListing;
    m_connection.request(protocol::MessageType::ListCaregivers,
                         bodyOf(protocol::ListCaregivers{true}),
                         [this, listing](const protocol::Result<protocol::Envelope> &reply) {
                             if (listing != m_caregiverListing)
                                 return;
                             auto list = decoded<protocol::CaregiverList>(reply);
                             if (!list) {
                                 emit caregiversListFailed(failureOf(list.error()));
                                 return;
                             }
                             QList<CaregiverAccountRow> rows;
                             rows.reserve(static_cast<qsizetype>(list->caregivers.size()));
                             for (const auto &account : list->caregivers)
                                 rows.append(rowOf(account));
                             emit caregiversListed(rows);
                         });
}

void AccountChannel::createCaregiver(const QString &username,
                                     const CaregiverProfileDraft &profile) {
    const protocol::CreateCaregiver message{username.toStdString(), profileOf(profile)};
    m_connection.request(
        message.kType, bodyOf(message), [this](const protocol::Result<protocol::Envelope> &reply) {
            auto invite = decoded<protocol::CaregiverInvite>(reply);
            if (!invite) {
                emit caregiverFailed(CaregiverRequest::Create, 0, failureOf(invite.error()));
                return;
            }
            qCInfo(lcAccounts) << "created caregiver" << invite->caregiver.id;
            emit invitationIssued(
                {rowOf(invite->caregiver), fromStd(invite->inviteToken), invite->inviteExpiresAt});
        });
}

void AccountChannel::updateCaregiver(qint64 id, qint64 expectedVersion,
                                     const CaregiverProfileDraft &profile) {
    const protocol::UpdateCaregiver message{id, expectedVersion, profileOf(profile)};
    m_connection.request(message.kType, bodyOf(message),
                         savedCaregiverHandler(this, CaregiverRequest::Update, id));
}

void AccountChannel::setCaregiverActive(qint64 id, bool active) {
    const protocol::SetCaregiverActive message{id, active};
    m_connection.request(message.kType, bodyOf(message),
                         savedCaregiverHandler(this, CaregiverRequest::SetActive, id));
}

void AccountChannel::resetCaregiverAccess(qint64 id) {
    const protocol::ResetCaregiverAccess message{id};
    m_connection.request(
        message.kType, bodyOf(message),
        [this, id](const protocol::Result<protocol::Envelope> &reply) {
            auto invite = decoded<protocol::CaregiverInvite>(reply);
            if (!invite) {
                emit caregiverFailed(CaregiverRequest::ResetAccess, id, failureOf(invite.error()));
                return;
            }
            qCInfo(lcAccounts) << "reset the access of caregiver" << id;
            emit invitationIssued(
                {rowOf(invite->caregiver), fromStd(invite->inviteToken), invite->inviteExpiresAt});
        });
}

void AccountChannel::listLicenses() {
    const quint64 listing = ++m_licenseListing;
    m_connection.request(protocol::MessageType::ListLicenses, bodyOf(protocol::ListLicenses{}),
                         [this, listing](const protocol::Result<protocol::Envelope> &reply) {
                             if (listing != m_licenseListing)
                                 return;
                             auto list = decoded<protocol::LicenseList>(reply);
                             if (!list) {
                                 emit licensesListFailed(failureOf(list.error()));
                                 return;
                             }
                             emit licensesListed(listingOf(*list));
                         });
}

void AccountChannel::listOwnLicenses(qint64 ownId, bool isAdmin) {
    protocol::ListLicenses message;
    if (isAdmin)
        message.caregiverId = ownId;
    m_connection.request(
        message.kType, bodyOf(message), [this](const protocol::Result<protocol::Envelope> &reply) {
            auto list = decoded<protocol::LicenseList>(reply);
            if (!list) {
                qCInfo(lcAccounts) << "own licenses not listed:" << fromStd(list.error().message);
                return;
            }
            emit ownLicensesListed(listingOf(*list));
        });
}

void AccountChannel::saveLicense(const LicenseDraft &license) {
    protocol::SaveLicense message;
    message.id = license.id;
    if (license.id)
        message.expectedVersion = license.expectedVersion;
    message.caregiverId = license.caregiverId;
    message.state = license.state.toStdString();
    message.number = license.number.toStdString();
    message.type = license.type.toStdString();
    if (license.issuedOn.isValid())
        message.issuedOn = license.issuedOn.toString(Qt::ISODate).toStdString();
    message.expiresOn = license.expiresOn.toString(Qt::ISODate).toStdString();
    message.status = license.status.toStdString();
    message.reviewNote = license.reviewNote.toStdString();
    m_connection.request(message.kType, bodyOf(message),
                         [this](const protocol::Result<protocol::Envelope> &reply) {
                             auto list = decoded<protocol::LicenseList>(reply);
                             if (list && list->licenses.empty())
                                 list = protocol::Error{protocol::ErrorCode::MissingField,
                                                        "the server's answer named no license",
                                                        {},
                                                        {}};
                             if (!list) {
                                 emit licenseSaveFailed(failureOf(list.error()));
                                 return;
                             }
                             emit licenseSaved(rowOf(list->licenses.front()));
                         });
}

void AccountChannel::importCaregivers(const QByteArray &csv, bool apply) {
    const protocol::ImportCaregivers message{csv.toStdString(), apply};
    m_connection.request(message.kType, bodyOf(message),
                         [this, apply](const protocol::Result<protocol::Envelope> &reply) {
                             auto report = decoded<protocol::ImportReport>(reply);
                             if (!report) {
                                 emit importFailed(failureOf(report.error()));
                                 return;
                             }
                             if (apply)
                                 qCInfo(lcAccounts)
                                     << "import" << (report->applied ? "applied" : "refused")
                                     << report->lines.size() << "line(s)";
                             emit importReported(outcomeOf(*report, apply));
                         });
}

} // namespace caredesk::console
