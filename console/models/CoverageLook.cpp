#include "models/CoverageLook.h"

#include <QCoreApplication>

namespace caredesk::console {

namespace {

QString tr(const char *text) {
    return QCoreApplication::translate("CoverageLook", text);
}

} // namespace

CoverageLook coverageLook(StateCoverage coverage) {
    switch (coverage) {
    case StateCoverage::Covered:
        return {QColor(0x2e, 0x7d, 0x4f), Qt::white, tr("Provider free"), tr("Provider free"),
                tr("A licensed provider is free to see the next patient.")};
    case StateCoverage::Unstaffed:
        return {QColor(0xf1, 0xe4, 0xc3), QColor(0x4a, 0x3a, 0x12), tr("Open, nobody free"),
                tr("Nobody free"),
                tr("Open and nobody waiting, but no licensed provider is free.")};
    case StateCoverage::NoProviderFree:
        return {QColor(0xf2, 0xa9, 0x00), QColor(0x3d, 0x26, 0x00), tr("Waiting, all busy"),
                tr("All busy"),
                tr("Patients are waiting; the licensed providers on shift are all busy or on "
                   "a break.")};
    case StateCoverage::Uncovered:
        return {QColor(0xb3, 0x1b, 0x1b), Qt::white, tr("Waiting, nobody on shift"),
                tr("Nobody on shift"),
                tr("Patients are waiting and no licensed provider is on shift.")};
    case StateCoverage::Closed:
        return {QColor(0xa3, 0xa9, 0xb0), QColor(0x24, 0x29, 0x2e), tr("Closed"), tr("Closed"),
                tr("Closed now, and nobody is waiting.")};
    }
    return notOfferedLook();
}

CoverageLook notOfferedLook() {
    return {QColor(0xec, 0xee, 0xf0), QColor(0x9a, 0xa0, 0xa6), tr("Not offered"),
            tr("Not offered"), tr("CareDesk does not take visits in this state.")};
}

} // namespace caredesk::console
