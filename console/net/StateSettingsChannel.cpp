#include "net/StateSettingsChannel.h"

#include "state/ProtocolText.h"
#include "net/ProtocolReplies.h"
#include "net/ServerConnection.h"
#include "protocol/Messages.h"
#include "state/StateSettingsStore.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcStateSettings, "caredesk.settings", QtInfoMsg)

namespace caredesk::console {

StateSettingsChannel::StateSettingsChannel(ServerConnection &connection, StateSettingsStore &store,
                                           QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_store(store) {
    // Someone else may sign in next: nothing of these settings may show then.
    connect(&m_connection, &ServerConnection::loggedOut, &m_store, &StateSettingsStore::clear);
    connect(&m_connection, &ServerConnection::sessionExpired, &m_store, &StateSettingsStore::clear);
    connect(&m_connection, &ServerConnection::sessionStarted, this,
            [this](const SessionInfo &, bool resumed) {
                if (!resumed)
                    m_store.clear();
            });
}

void StateSettingsChannel::list() {
    const quint64 listing = ++m_listing;
    m_store.markLoading();
    nlohmann::json body = nlohmann::json::object();
    protocol::toJson(body, protocol::ListStateSettings{});
    m_connection.request(protocol::MessageType::ListStateSettings, body,
                         [this, listing](const protocol::Result<protocol::Envelope> &reply) {
                             if (listing != m_listing)
                                 return;
                             if (!reply) {
                                 m_store.markFailed(fromStd(reply.error().message));
                                 return;
                             }
                             auto list = replyAs<protocol::StateSettingsList>(*reply);
                             if (!list) {
                                 qCWarning(lcStateSettings) << "unreadable state settings:"
                                                            << fromStd(list.error().message);
                                 m_store.markFailed(fromStd(list.error().message));
                                 return;
                             }
                             m_store.replaceAll(std::move(list->states));
                         });
}

void StateSettingsChannel::save(const QString &stateCode, qint64 expectedVersion,
                                const protocol::StateSchedule &schedule) {
    const protocol::UpdateStateSettings message{stateCode.toStdString(), expectedVersion, schedule};
    nlohmann::json body = nlohmann::json::object();
    protocol::toJson(body, message);
    m_connection.request(
        message.kType, body, [this, stateCode](const protocol::Result<protocol::Envelope> &reply) {
            if (!reply) {
                emit saveFailed(stateCode, fromStd(protocol::errorCodeName(reply.error().code)),
                                fromStd(reply.error().message), fromStd(reply.error().field));
                return;
            }
            auto list = replyAs<protocol::StateSettingsList>(*reply);
            if (!list || list->states.empty()) {
                emit saveFailed(stateCode, QStringLiteral("invalid_envelope"),
                                list ? tr("the server's answer named no state")
                                     : fromStd(list.error().message),
                                {});
                return;
            }
            for (const auto &state : list->states)
                m_store.replace(state);
            qCInfo(lcStateSettings) << "saved the settings of" << stateCode << "as version"
                                    << list->states.front().version;
            emit saved(stateCode);
        });
}

} // namespace caredesk::console
