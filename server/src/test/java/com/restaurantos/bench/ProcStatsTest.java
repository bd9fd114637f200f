package com.restaurantos.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcStatsTest {
    @Test
    void readsUserAndSystemTimeEvenWhenTheCommandNameHasSpacesAndParentheses() {
        String stat = "4242 (C2 Compiler) x)) S 1 4242 4242 0 -1 4194560 1234 0 0 0 1500 250 3 4 20 0 30 0 123 "
                + "9000000 25000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";
        assertThat(ProcStats.cpuTicks(stat)).isEqualTo(1750);
    }

    @Test
    void readsResidentMemoryFromStatus() {
        String status = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmRSS:\t  123456 kB\nThreads:\t42\n";
        assertThat(ProcStats.statusKilobytes(status, "VmRSS")).isEqualTo(123456);
        assertThat(ProcStats.statusKilobytes(status, "VmSwap")).isEqualTo(-1);
    }

    @Test
    void countsIdleAndIowaitAsIdle() {
        String stat = "cpu  100 5 50 800 20 1 2 3 0 0\ncpu0 50 2 25 400 10 0 1 1 0 0\n";
        assertThat(ProcStats.machineTicks(stat)).containsExactly(981, 820);
    }

    @Test
    void readsThisProcess() {
        assertThat(ProcStats.selfCpuMicros()).isPositive();
        assertThat(ProcStats.rssBytes(ProcessHandle.current().pid())).isGreaterThan(1024 * 1024);
    }
}
