// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Tests about files the user may not read. Root reads past file modes through two
// capabilities, CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH, and CI runs as root; so these tests
// drop them instead of skipping:
// - FileModesApply takes them out of the calling thread's effective set while it lives (and
//   gives them back), for code that reads in that thread;
// - dropReadOverrideOnExec() takes them out of the bounding set of a child process before it
//   execs (QProcess::setChildProcessModifier), so the program it starts is held to file modes.
// For a user who is not root, file modes apply already and both do nothing.

#include <QtGlobal>

#ifdef Q_OS_LINUX
#include <linux/capability.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace bd::test {

class FileModesApply
{
public:
    FileModesApply()
    {
#ifdef Q_OS_LINUX
        if (::geteuid() != 0) {
            m_applies = true;
            return;
        }
        __user_cap_header_struct header {_LINUX_CAPABILITY_VERSION_3, 0};
        if (::syscall(SYS_capget, &header, m_saved) != 0)
            return;
        __user_cap_data_struct reduced[2] = {m_saved[0], m_saved[1]};
        reduced[0].effective &= ~((1u << CAP_DAC_OVERRIDE) | (1u << CAP_DAC_READ_SEARCH));
        m_applies = ::syscall(SYS_capset, &header, reduced) == 0;
        m_restore = m_applies;
#endif
    }
    ~FileModesApply()
    {
#ifdef Q_OS_LINUX
        if (m_restore) {
            __user_cap_header_struct header {_LINUX_CAPABILITY_VERSION_3, 0};
            ::syscall(SYS_capset, &header, m_saved);
        }
#endif
    }
    FileModesApply(const FileModesApply &) = delete;
    FileModesApply &operator=(const FileModesApply &) = delete;

    // False when this process is root and could not drop the override (no CAP_SETPCAP, or
    // not Linux): the test cannot make a file unreadable and should say so with QSKIP.
    bool applies() const
    {
        return m_applies;
    }

private:
    bool m_applies = false;
    bool m_restore = false;
#ifdef Q_OS_LINUX
    __user_cap_data_struct m_saved[2] {};
#endif
};

// Whether dropReadOverrideOnExec() will work: not root, or root with CAP_SETPCAP.
inline bool canDropReadOverrideOnExec()
{
#ifdef Q_OS_LINUX
    if (::geteuid() != 0)
        return true;
    __user_cap_header_struct header {_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[2] {};
    return ::syscall(SYS_capget, &header, data) == 0
            && (data[0].effective & (1u << CAP_SETPCAP)) != 0;
#else
    return false;
#endif
}

// For QProcess::setChildProcessModifier: runs in the child between fork and exec.
inline void dropReadOverrideOnExec()
{
#ifdef Q_OS_LINUX
    if (::geteuid() == 0) {
        ::prctl(PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, 0, 0, 0);
        ::prctl(PR_CAPBSET_DROP, CAP_DAC_READ_SEARCH, 0, 0, 0);
    }
#endif
}

} // namespace bd::test
