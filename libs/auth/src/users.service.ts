import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError, Page, skipTake, toPage } from '@app/common';
import { AuditService } from '@app/audit';
import { Actor, User } from './user.entity.js';
import { hashToken, newToken } from './tokens.js';
import { CreateUserDto, UserResponse, toUserResponse } from './dto/user.dto.js';

const BOOTSTRAP_ADMIN_EMAIL = 'admin@localhost';

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);
  constructor(@InjectDataSource() private readonly ds: DataSource, private readonly audit: AuditService) {}

  /** The user holding this token, or null (unknown or disabled). */
  async findByToken(token: string): Promise<User | null> {
    const user = await this.ds.getRepository(User).findOne({ where: { tokenHash: hashToken(token) } });
    return user && !user.disabledAt ? user : null;
  }

  async create(actor: Actor, dto: CreateUserDto): Promise<UserResponse & { token: string }> {
    const token = newToken();
    return this.ds.transaction(async (m) => {
      if (await m.getRepository(User).exists({ where: { email: dto.email.toLowerCase() } }))
        throw new AppError('CONFLICT', `email: a user with ${dto.email} already exists; disable it or use another address`, [
          { field: 'email', reason: 'already exists' },
        ]);
      const ids = dto.role === 'commissioner' ? (dto.directorateIds ?? []) : [];
      const [{ count }] = await m.query('SELECT count(*)::int AS count FROM directorates WHERE id = ANY($1)', [ids]);
      if (count !== ids.length)
        throw new AppError('VALIDATION', 'directorateIds: one or more directorates do not exist; list directorates to find their ids', [
          { field: 'directorateIds', reason: 'unknown directorate' },
        ]);
      const user = await m.getRepository(User).save(
        m.getRepository(User).create({
          email: dto.email.toLowerCase(),
          role: dto.role,
          directorateIds: ids,
          tokenHash: hashToken(token),
          disabledAt: null,
        }),
      );
      await this.audit.record(m, actor, 'create', 'user', user.id, null, toUserResponse(user));
      return { ...toUserResponse(user), token };
    });
  }

  async list(q: { page: number; pageSize: number }): Promise<Page<UserResponse>> {
    const [rows, total] = await this.ds.getRepository(User).findAndCount({ order: { createdAt: 'ASC' }, ...skipTake(q) });
    return toPage(rows, total, q, toUserResponse);
  }

  async setDisabled(actor: Actor, id: string, disabled: boolean): Promise<UserResponse> {
    return this.ds.transaction(async (m) => {
      const repo = m.getRepository(User);
      const user = await repo.findOne({ where: { id } });
      if (!user) throw new AppError('NOT_FOUND', `user ${id} does not exist: list users to find the id`);
      const before = toUserResponse(user);
      user.disabledAt = disabled ? new Date() : null;
      await repo.save(user);
      await this.audit.record(m, actor, disabled ? 'disable' : 'enable', 'user', id, before, toUserResponse(user));
      return toUserResponse(user);
    });
  }

  /** ADMIN_TOKEN: an admin whose token is exactly this value exists (created or re-keyed). */
  async ensureBootstrapAdmin(token: string | undefined): Promise<void> {
    if (!token) return;
    const repo = this.ds.getRepository(User);
    const tokenHash = hashToken(token);
    const existing = await repo.findOne({ where: { email: BOOTSTRAP_ADMIN_EMAIL } });
    if (existing?.tokenHash === tokenHash && !existing.disabledAt) return;
    await repo.upsert({ email: BOOTSTRAP_ADMIN_EMAIL, role: 'admin', directorateIds: [], tokenHash, disabledAt: null }, ['email']);
    this.logger.log('bootstrap admin (ADMIN_TOKEN) is ready');
  }
}
