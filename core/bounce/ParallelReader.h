// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "bounce/BounceReader.h"

#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace bd {

// Reads messages on every core and hands the reports back in the order the messages came,
// with a bounded number in flight, so a huge mailbox costs a window of messages in memory.
class ParallelReader
{
public:
    using Sink = std::function<void(MessageReport &&)>;

    ParallelReader(const BounceReader &reader, Sink sink, int threads = 0, int window = 256);
    ~ParallelReader();
    ParallelReader(const ParallelReader &) = delete;
    ParallelReader &operator=(const ParallelReader &) = delete;

    // Queues a message; may wait until a slot in the window is free. Reports that are ready
    // are handed to the sink from the calling thread.
    void add(MailItem &&item);
    // Waits for every queued message and hands out the remaining reports.
    void finish();

private:
    void work();
    void drainReady(std::unique_lock<std::mutex> &lock);

    const BounceReader &m_reader;
    Sink m_sink;
    const size_t m_window;
    std::vector<std::thread> m_threads;
    std::mutex m_mutex;
    std::condition_variable m_workAvailable;
    std::condition_variable m_resultReady;
    std::deque<std::pair<quint64, MailItem>> m_queue;
    std::map<quint64, MessageReport> m_done;
    quint64 m_nextIn = 0;
    quint64 m_nextOut = 0;
    bool m_stopping = false;
};

} // namespace bd
