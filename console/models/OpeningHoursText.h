#pragma once

#include "protocol/StateSettingsMessages.h"

#include <QString>
#include <vector>

namespace caredesk::console {

// A day's openings as a person reads and types them: "08:00–20:00, 22:00–02:00".
// Empty text is a day without openings. Typing is forgiving ("8-20",
// "8:30 - 17", "22:00-2:00", commas or semicolons between ranges); what comes
// back is always the protocol's "HH:MM".
struct OpeningHoursText {
    struct Reading {
        std::vector<protocol::OpeningHours> hours;
        QString problem;    // empty when the text reads
        int problemAt = -1; // which range (0-based) it is about, -1 for the whole text
    };

    static QString format(const std::vector<protocol::OpeningHours> &hours);
    static Reading read(const QString &text);
};

} // namespace caredesk::console
