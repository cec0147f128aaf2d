/*
 * Xen: Linux 6.1's command-queue interface (arm_smmu_cmdq_issue_cmd, _with_sync,
 * batches) on Xen's spinlock command queue: insert the commands in order, then
 * wait for a CMD_SYNC when asked to.
 */
static int arm_smmu_cmdq_issue_cmdlist(struct arm_smmu_device *smmu,
				       u64 *cmds, int n, bool sync)
{
	int i;
	unsigned long flags;

	spin_lock_irqsave(&smmu->cmdq.lock, flags);
	for (i = 0; i < n; ++i)
		arm_smmu_cmdq_insert_cmd(smmu, &cmds[i * CMDQ_ENT_DWORDS]);
	spin_unlock_irqrestore(&smmu->cmdq.lock, flags);

	return sync ? arm_smmu_cmdq_issue_sync(smmu) : 0;
}

