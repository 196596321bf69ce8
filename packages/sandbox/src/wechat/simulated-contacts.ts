/** The people the sandbox bot can chat with; ids are stable so tests and the outbox page can address them. */
export const SIMULATED_WECHAT_CONTACTS = [
  { id: 'wxid_sandbox_lilei', name: '李雷 Li Lei' },
  { id: 'wxid_sandbox_hanmeimei', name: '韩梅梅 Han Meimei' },
  { id: 'wxid_sandbox_wangfang', name: '王芳 Wang Fang' },
] as const;
